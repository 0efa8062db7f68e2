using System.Text.Json.Nodes;
using SparkOptimizer.Operator.Crds;
using SparkOptimizer.Operator.Rbac;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Charts;

/// <summary>The chart's RBAC grants exactly what the operator calls (OperatorPermissions), per watched kind and scope.</summary>
public sealed class ChartRbacTests
{
    private static readonly string ChartDir = Path.Combine(CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory), "charts", "spark-optimizer");

    public static TheoryData<bool, bool, bool, bool> Combinations() => new()
    {
        { true, true, false, false },
        { true, false, false, false },
        { false, true, false, false },
        { true, true, true, false },
        { false, true, true, false },
        { true, true, false, true },
        { true, false, true, true },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Render_WatchedKindsAndNamespaces_GrantExactlyTheOperatorsCalls(bool kubeflow, bool apache, bool listNamespaces, bool analysisJobs)
    {
        string[] namespaces = listNamespaces ? ["team-a", "team-b"] : [];
        var docs = new ChartRenderer(ChartDir, Overrides(kubeflow, apache, namespaces, analysisJobs)).RenderAll();

        var rules = OperatorPermissions.For(kubeflow, apache, analysisJobs: analysisJobs, nodeLabels: true);
        var expected = Grants(rules.Where(r => r.Scope == PermissionScope.WatchedNamespaces));
        var leases = Grants(OperatorPermissions.LeaderElection);
        // Nodes are cluster-scoped: their ClusterRole is there whatever the namespaces, and grants only the node reads.
        var nodes = docs.Single(d => Kind(d) == "ClusterRole" && Name(d)!.EndsWith("-nodes", StringComparison.Ordinal));
        Grants(nodes).Should().BeEquivalentTo(Grants(rules.Where(r => r.Scope == PermissionScope.Cluster)));
        docs.Should().ContainSingle(d => Kind(d) == "ClusterRoleBinding" && d["roleRef"]!["name"]!.GetValue<string>() == Name(nodes));
        docs = docs.Where(d => !(Kind(d) is "ClusterRole" or "ClusterRoleBinding" && Name(d)!.EndsWith("-nodes", StringComparison.Ordinal))).ToList();
        if (listNamespaces)
        {
            docs.Should().NotContain(d => Kind(d) == "ClusterRole" || Kind(d) == "ClusterRoleBinding", "listed namespaces get Roles, nothing else cluster-wide");
            foreach (var ns in namespaces)
            {
                var role = docs.Single(d => Kind(d) == "Role" && Namespace(d) == ns);
                Grants(role).Should().BeEquivalentTo(expected);
                docs.Should().ContainSingle(d => Kind(d) == "RoleBinding" && Namespace(d) == ns && d["roleRef"]!["name"]!.GetValue<string>() == Name(role));
            }
        }
        else
        {
            Grants(docs.Single(d => Kind(d) == "ClusterRole")).Should().BeEquivalentTo(expected);
            docs.Should().ContainSingle(d => Kind(d) == "ClusterRoleBinding");
        }

        var leaseRole = docs.Single(d => Kind(d) == "Role" && Namespace(d) == "spark-optimizer");
        Grants(leaseRole).Should().BeEquivalentTo(leases);
        docs.Where(d => Kind(d) is "Role" or "ClusterRole").SelectMany(Grants).Select(g => g.Group)
            .Should().NotContain(kubeflow ? "spark.apache.org-unused" : "sparkoperator.k8s.io")
            .And.NotContain(apache ? "sparkoperator-unused" : "spark.apache.org");
    }

    [Fact]
    public void Render_LeaderElectionDisabled_HasNoLeaseRole()
    {
        var docs = new ChartRenderer(ChartDir, new JsonObject { ["leaderElection"] = new JsonObject { ["enabled"] = false } }).RenderAll();
        docs.SelectMany(d => Kind(d) is "Role" or "ClusterRole" ? Grants(d) : []).Should().NotContain(g => g.Resource == "leases");
    }

    [Fact]
    public async Task OperatorPermissions_MatchTheRequestsARunningOperatorSends()
    {
        await using var harness = await OperatorHarness.StartAsync();
        // the engine reads the driver pod's log for each run: do the same here around the recording processor
        var podLogs = new SparkOptimizer.Operator.Engine.PodLogSource(harness.NewClient(), Microsoft.Extensions.Logging.Abstractions.NullLogger<SparkOptimizer.Operator.Engine.PodLogSource>.Instance);
        var op = harness.StartOperatorWith(new PodLogReadingProcessor(podLogs, harness.Processor), OperatorHarness.FastOptions(leaderElection: true, identity: "only"));
        await harness.WaitUntilAsync(() => op.Runtime.IsLeader && op.Runtime.Ready, "leading and listed");
        var app = SparkApps.KubeflowPi("spark-pi");
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1");
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        // an annotation change is patched into the spec at the next run
        harness.Server.Store.MergePatch(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, "spark-pi", new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["sparkoptimizer.io/objective"] = "runtime" } },
        }, statusOnly: false);
        harness.Server.Store.MergePatch(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, "spark-pi",
            new JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-2") }, statusOnly: true);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 2);
        harness.Optimization(SparkApps.Namespace, "spark-pi")!["spec"]!["objective"]!.GetValue<string>().Should().Be("runtime");
        await harness.WaitUntilAsync(() => harness.Server.Requests.Any(r => r.Method == "PUT" && r.Path.Contains("/leases/", StringComparison.Ordinal)), "the lease was renewed");
        await op.StopAsync();

        var used = harness.Server.Requests.Select(RbacGrant.Of).Distinct().ToList();
        var granted = Grants(OperatorPermissions.For(kubeflow: true, apache: true)).ToList();
        used.Should().BeSubsetOf(granted, "every call the operator makes is granted");
        granted.Should().BeSubsetOf(used, "nothing is granted that the operator does not call");
    }

    private static JsonObject Overrides(bool kubeflow, bool apache, string[] namespaces, bool analysisJobs = false) => new()
    {
        ["analysisJobs"] = new JsonObject { ["enabled"] = analysisJobs },
        ["watch"] = new JsonObject
        {
            ["kubeflow"] = kubeflow,
            ["apache"] = apache,
            ["namespaces"] = new JsonArray(namespaces.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
        },
    };

    private static IEnumerable<(string Group, string Resource, string Verb)> Grants(IEnumerable<PermissionRule> rules) => rules.SelectMany(r => r.Grants);

    private static IEnumerable<(string Group, string Resource, string Verb)> Grants(JsonObject role) =>
        (role["rules"] as JsonArray ?? []).SelectMany(rule =>
            from g in rule!["apiGroups"]!.AsArray()
            from r in rule["resources"]!.AsArray()
            from v in rule["verbs"]!.AsArray()
            select (g!.GetValue<string>(), r!.GetValue<string>(), v!.GetValue<string>()));

    private static string? Kind(JsonObject doc) => doc["kind"]?.GetValue<string>();

    private static string? Name(JsonObject doc) => doc["metadata"]?["name"]?.GetValue<string>();

    private static string? Namespace(JsonObject doc) => doc["metadata"]?["namespace"]?.GetValue<string>();

    private sealed class PodLogReadingProcessor(SparkOptimizer.Operator.Engine.PodLogSource logs, RecordingRunProcessor inner) : SparkOptimizer.Operator.Processing.IRunProcessor
    {
        public async Task<SparkOptimizer.Operator.Processing.RunAnalysis> ProcessAsync(SparkOptimizer.Operator.Processing.CompletedRun run, CancellationToken cancellationToken)
        {
            await logs.DriverLogAsync(run, cancellationToken);
            return await inner.ProcessAsync(run, cancellationToken);
        }
    }
}
