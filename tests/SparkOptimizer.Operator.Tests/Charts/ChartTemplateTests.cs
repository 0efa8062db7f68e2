using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Tests.Charts;

public sealed partial class ChartTemplateTests
{
    private static readonly string Root = CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory);
    private static readonly string ChartDir = Path.Combine(Root, "charts", "spark-optimizer");

    [Fact]
    public void Deployment_Defaults_RunsNonRootReadOnlyWithResourcesAndProbes()
    {
        var deployment = new ChartRenderer(ChartDir).RenderAll().Single(d => d["kind"]!.GetValue<string>() == "Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;

        pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>().Should().BeTrue();
        container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>().Should().BeTrue();
        container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>().Should().BeFalse();
        container["resources"]!["requests"]!["memory"]!.GetValue<string>().Should().Be("256Mi");
        container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>().Should().Be("/healthz");
        container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>().Should().Be("/readyz");
        container["image"]!.GetValue<string>().Should().Be("ghcr.io/spark-optimizer/operator:0.1.0");
        Env(container).Should().Contain(("Operator__Watch__Kubeflow", "true")).And.Contain(("Operator__Watch__Apache", "true"));
    }

    [Fact]
    public void Deployment_WatchedNamespacesAndKinds_ReachTheOperatorConfiguration()
    {
        var overrides = new JsonObject { ["watch"] = new JsonObject { ["apache"] = false, ["namespaces"] = new JsonArray("team-a", "team-b") } };
        var deployment = new ChartRenderer(ChartDir, overrides).RenderAll().Single(d => d["kind"]!.GetValue<string>() == "Deployment");
        var env = Env(deployment["spec"]!["template"]!["spec"]!["containers"]![0]!);

        env.Should().Contain(("Operator__Namespaces__0", "team-a")).And.Contain(("Operator__Namespaces__1", "team-b")).And.Contain(("Operator__Watch__Apache", "false"));
    }

    [Theory]
    [InlineData(null, "true")]
    [InlineData(false, "false")]
    public void Deployment_McpEnabled_ReachesTheOperatorConfiguration(bool? enabled, string expected)
    {
        var overrides = enabled is { } value ? new JsonObject { ["mcp"] = new JsonObject { ["enabled"] = value } } : null;
        var deployment = new ChartRenderer(ChartDir, overrides).RenderAll().Single(d => d["kind"]!.GetValue<string>() == "Deployment");

        Env(deployment["spec"]!["template"]!["spec"]!["containers"]![0]!).Should().Contain(("Mcp__Enabled", expected));
    }

    [Fact]
    public void Deployment_AnalysisJobs_ReachTheOperatorConfigurationOnlyWhenEnabled()
    {
        Env(new ChartRenderer(ChartDir).RenderAll().Single(d => d["kind"]!.GetValue<string>() == "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!)
            .Should().Contain(("Engine__Jobs__Enabled", "false")).And.NotContain(e => e.Item1 == "Engine__Jobs__Image");

        var overrides = new JsonObject
        {
            ["analysisJobs"] = new JsonObject
            {
                ["enabled"] = true,
                ["maxInFlight"] = 6,
                ["serviceAccountName"] = "spark-jobs",
                ["volumes"] = new JsonArray(new JsonObject { ["name"] = "logs", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = "spark-logs" } }),
                ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "logs", ["mountPath"] = "/mnt/logs" }),
            },
            ["objectStore"] = new JsonObject { ["credentialsSecret"] = "s3-creds" },
        };
        var deployment = new ChartRenderer(ChartDir, overrides).RenderAll().Single(d => d["kind"]!.GetValue<string>() == "Deployment");
        var env = Env(deployment["spec"]!["template"]!["spec"]!["containers"]![0]!);

        env.Should().Contain(("Engine__Jobs__Enabled", "true")).And.Contain(("Engine__Jobs__Image", "ghcr.io/spark-optimizer/operator:0.1.0"))
            .And.Contain(("Engine__Jobs__MaxInFlight", "6")).And.Contain(("Engine__Jobs__ServiceAccountName", "spark-jobs"))
            .And.Contain(("Engine__Jobs__ActiveDeadlineSeconds", "1800")).And.Contain(("Engine__Jobs__TtlSecondsAfterFinished", "600"))
            .And.Contain(("Engine__Jobs__EnvFromSecrets__0", "s3-creds"))
            .And.Contain(("Engine__Jobs__RunAsUser", "1654")).And.Contain(("Engine__Jobs__RunAsGroup", "1654"));
        var volumes = k8s.KubernetesJson.Deserialize<List<k8s.Models.V1Volume>>(env.Single(e => e.Item1 == "Engine__Jobs__VolumesJson").Item2);
        volumes.Should().ContainSingle(v => v.Name == "logs" && v.PersistentVolumeClaim.ClaimName == "spark-logs");
        var mounts = k8s.KubernetesJson.Deserialize<List<k8s.Models.V1VolumeMount>>(env.Single(e => e.Item1 == "Engine__Jobs__VolumeMountsJson").Item2);
        mounts.Should().ContainSingle(m => m.MountPath == "/mnt/logs");
    }

    [Fact]
    public void ServiceMonitor_OnlyWhenEnabled()
    {
        new ChartRenderer(ChartDir).RenderAll().Should().NotContain(d => d["kind"]!.GetValue<string>() == "ServiceMonitor");
        var monitor = new ChartRenderer(ChartDir, new JsonObject { ["serviceMonitor"] = new JsonObject { ["enabled"] = true } }).RenderAll()
            .Single(d => d["kind"]!.GetValue<string>() == "ServiceMonitor");
        monitor["spec"]!["endpoints"]![0]!["path"]!.GetValue<string>().Should().Be("/metrics");
    }

    [Fact]
    public void Values_EveryKeyIsDocumented()
    {
        var lines = File.ReadAllLines(Path.Combine(ChartDir, "values.yaml"));
        var undocumented = new List<string>();
        var documentedAncestors = new Stack<int>(); // indentation of keys whose `# --` comment covers their whole value
        for (var i = 0; i < lines.Length; i++)
        {
            var match = KeyLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var indent = Indentation(lines[i]);
            while (documentedAncestors.Count > 0 && documentedAncestors.Peek() >= indent)
            {
                documentedAncestors.Pop();
            }

            var documented = i > 0 && lines[i - 1].TrimStart().StartsWith("# --", StringComparison.Ordinal);
            var isParent = !match.Groups["value"].Success && i + 1 < lines.Length && Indentation(lines[i + 1]) > indent;
            if (documented && isParent)
            {
                documentedAncestors.Push(indent);
            }

            if (!documented && !isParent && documentedAncestors.Count == 0)
            {
                undocumented.Add(lines[i].Trim());
            }
        }

        undocumented.Should().BeEmpty("every values key carries a `# --` comment");
    }

    [Fact]
    public void Crds_ChartCopyEqualsTheRepositoryCrd()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "crds")))
        {
            File.ReadAllText(Path.Combine(ChartDir, "crds", Path.GetFileName(file))).Should().Be(File.ReadAllText(file));
        }
    }

    private static int Indentation(string line) => line.Length - line.TrimStart().Length;

    private static List<(string, string)> Env(JsonNode container) =>
        container["env"]!.AsArray().Where(e => e!["value"] is not null).Select(e => (e!["name"]!.GetValue<string>(), e["value"]!.ToString())).ToList();

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z][\w.-]*):(?<value>\s+\S.*)?$")]
    private static partial Regex KeyLine();
}
