using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using SparkOptimizer.Operator;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Tests.Charts;

/// <summary>The chart through the real helm 3.17: lint, render and the values it refuses.</summary>
public sealed class ChartHelmTests
{
    [Theory]
    [MemberData(nameof(ChartToggles.Names), MemberType = typeof(ChartToggles))]
    public void Lint_Strict_PassesForTheDefaultsAndEachToggle(string toggle)
    {
        var (exit, stdout, stderr) = new ChartRenderer(Helm.ChartDir, ChartToggles.Values(toggle)).Lint();

        exit.Should().Be(0, $"helm lint --strict ({toggle}):\n{stdout}\n{stderr}");
        stdout.Should().Contain("1 chart(s) linted, 0 chart(s) failed").And.NotContain("[WARNING]").And.NotContain("[ERROR]");
    }

    [Theory]
    [MemberData(nameof(ChartToggles.Names), MemberType = typeof(ChartToggles))]
    public void Template_EachToggle_RendersLabelledResourcesAndSettingsTheOperatorBinds(string toggle)
    {
        var docs = new ChartRenderer(Helm.ChartDir, ChartToggles.Values(toggle)).RenderAll();

        docs.Should().NotBeEmpty();
        foreach (var doc in docs)
        {
            var labels = doc["metadata"]!["labels"];
            labels.Should().NotBeNull($"{doc["kind"]} {doc["metadata"]!["name"]} is labelled");
            labels!["helm.sh/chart"]!.GetValue<string>().Should().Be("spark-optimizer-0.1.0");
            labels["app.kubernetes.io/managed-by"]!.GetValue<string>().Should().Be("Helm");
        }

        var env = RenderedOperator.LiteralEnvironment(docs);
        env.Values.Should().NotContain(v => v.Contains("e+", StringComparison.Ordinal), "integers are rendered as integers");
        // exactly what crash-looped the operator: the binder must accept every rendered setting
        var config = new ConfigurationBuilder().AddInMemoryCollection(env.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value))).Build();
        var bind = () => (config.GetSection(OperatorOptions.Section).Get<OperatorOptions>(), config.GetSection(EngineOptions.Section).Get<EngineOptions>());
        bind.Should().NotThrow();
    }

    [Fact]
    public void Template_AnalysisJobs_LargeIntegersReachTheOperatorInDigits()
    {
        var env = RenderedOperator.LiteralEnvironment(new ChartRenderer(Helm.ChartDir, ChartToggles.Values("analysisJobs")).RenderAll());

        env["Engine__Jobs__SizeThresholdBytes"].Should().Be("268435456");
        env["Engine__Jobs__BaseMemoryBytes"].Should().Be("268435456");
        env["Engine__Jobs__MemoryPerGiB"].Should().Be("268435456");
        env["Engine__Jobs__CompressionFactor"].Should().Be("8");
        env["Engine__Jobs__LimitFactor"].Should().Be("2");
    }

    [Theory]
    [InlineData("replicaCount", "\"two\"", "replicaCount: Invalid type. Expected: integer, given: string")]
    [InlineData("replicaCount", "0", "replicaCount: Must be greater than or equal to 1")]
    [InlineData("replicaCount", "1.5", "replicaCount: Invalid type. Expected: integer, given: number")]
    [InlineData("watch.kubeflow", "\"maybe\"", "watch.kubeflow: Invalid type. Expected: boolean, given: string")]
    [InlineData("analysisJobs.enabled", "\"yes\"", "analysisJobs.enabled: Invalid type. Expected: boolean, given: string")]
    [InlineData("history.provider", "\"mysql\"", "history.provider: history.provider must be one of the following: \"none\", \"sqlite\", \"postgres\"")]
    [InlineData("logLevel", "\"Verbose\"", "logLevel: logLevel must be one of the following")]
    [InlineData("analysisJobs.sizeThresholdBytes", "268435456.5", "analysisJobs.sizeThresholdBytes: Invalid type. Expected: integer, given: number")]
    [InlineData("leaderElection.leaseDuration", "\"15s\"", "leaderElection.leaseDuration: Does not match pattern")]
    [InlineData("analysisJob", "{\"enabled\":true}", "Additional property analysisJob is not allowed")]
    [InlineData("eventLogs.waitWindow", "\"30m\"", "eventLogs.waitWindow: Does not match pattern")]
    [InlineData("mcp.allowedHosts", "\"spark-optimizer.svc\"", "mcp.allowedHosts: Invalid type. Expected: array, given: string")]
    public void Template_WrongValue_IsRefusedByTheSchema(string key, string json, string message)
    {
        var (exit, stdout, stderr) = new ChartRenderer(Helm.ChartDir).Template("--set-json", $"{key}={json}");

        exit.Should().NotBe(0);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("values don't meet the specifications of the schema").And.Contain(message);
    }

    [Fact]
    public void Template_PostgresWithoutItsSecret_IsRefusedNamingTheValue()
    {
        var (exit, _, stderr) = new ChartRenderer(Helm.ChartDir, Values("""{"history":{"provider":"postgres"}}""")).Template();

        exit.Should().NotBe(0);
        stderr.Should().Contain("history.provider is postgres: set history.postgres.connectionSecret.name to a Secret holding the Npgsql connection string");
    }

    [Fact]
    public void Template_GitHubSecretWithoutKey_IsRefused()
    {
        var (exit, _, stderr) = new ChartRenderer(Helm.ChartDir, Values("""{"github":{"tokenSecret":{"name":"gh","key":""}}}""")).Template();

        exit.Should().NotBe(0);
        stderr.Should().Contain("github.tokenSecret.key");
    }

    [Fact]
    public void Template_TwoReplicasOnTheSqliteClaim_IsRefusedWithTheFix()
    {
        var (exit, _, stderr) = new ChartRenderer(Helm.ChartDir).Template("--set", "replicaCount=2");

        exit.Should().NotBe(0);
        stderr.Should().Contain("replicaCount is 2 but history.provider is sqlite on a ReadWriteOnce claim").And.Contain("history.provider=postgres for more replicas");
    }

    [Fact]
    public void Template_SqliteOnItsClaim_RecreatesThePodAndPostgresRollsWithTwoReplicas()
    {
        var sqlite = Deployment(new ChartRenderer(Helm.ChartDir).RenderAll());
        sqlite["spec"]!["strategy"]!["type"]!.GetValue<string>().Should().Be("Recreate");
        sqlite["spec"]!["replicas"]!.GetValue<long>().Should().Be(1);

        var postgres = Deployment(new ChartRenderer(Helm.ChartDir, ChartToggles.Values("postgres")).RenderAll());
        postgres["spec"]!["strategy"].Should().BeNull("a rolling update is safe without the ReadWriteOnce claim");
        postgres["spec"]!["replicas"]!.GetValue<long>().Should().Be(2);
        var connection = postgres["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "SPARK_OPTIMIZER_HISTORY_CONNECTION");
        connection!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>().Should().Be("spark-optimizer-pg");
        connection["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>().Should().Be("connectionString");
    }

    [Fact]
    public void Template_ExtraVolumes_AreMountedInTheOperatorPod()
    {
        var pod = Deployment(new ChartRenderer(Helm.ChartDir, ChartToggles.Values("eventLogVolume")).RenderAll())["spec"]!["template"]!["spec"]!;

        pod["volumes"]!.AsArray().Should().Contain(v => v!["name"]!.GetValue<string>() == "spark-events" && v["persistentVolumeClaim"]!["claimName"]!.GetValue<string>() == "spark-events");
        var container = pod["containers"]![0]!;
        container["volumeMounts"]!.AsArray().Should().Contain(m => m!["name"]!.GetValue<string>() == "spark-events" && m["mountPath"]!.GetValue<string>() == "/mnt/spark-events");
        RenderedOperator.LiteralEnvironment([Deployment(new ChartRenderer(Helm.ChartDir, ChartToggles.Values("eventLogVolume")).RenderAll())])
            .Should().Contain("Engine__LocalEventLogRoots__0", "/mnt/spark-events");
    }

    [Fact]
    public void ReadmeExamples_EventLogVolumes_RenderAndLint()
    {
        var readme = File.ReadAllText(Path.Combine(Helm.ChartDir, "README.md"));
        var examples = System.Text.RegularExpressions.Regex.Matches(readme, "```yaml\n(?<body>eventLogs:.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups["body"].Value).ToArray();
        examples.Should().HaveCount(2, "a PersistentVolumeClaim and a hostPath example");
        foreach (var example in examples)
        {
            var values = Path.Combine(Path.GetTempPath(), $"readme-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(values, example);
            try
            {
                var (exit, stdout, stderr) = Helm.Run("template", "rel", Helm.ChartDir, "--values", values);
                exit.Should().Be(0, stderr);
                stdout.Should().Contain("mountPath: /mnt/spark-events");
            }
            finally
            {
                File.Delete(values);
            }
        }
    }

    private static JsonObject Values(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Deployment(IReadOnlyList<JsonObject> docs) => docs.Single(d => d["kind"]!.GetValue<string>() == "Deployment");
}
