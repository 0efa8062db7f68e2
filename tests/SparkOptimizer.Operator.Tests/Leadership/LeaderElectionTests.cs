using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Leadership;

/// <summary>Runs alone: the elector's timing is wall-clock, and the suite's other tests would compete for the 2 cores.</summary>
[CollectionDefinition(nameof(LeaderElectionTests), DisableParallelization = true)]
public sealed class LeaderElectionCollection;

[Collection(nameof(LeaderElectionTests))]
public sealed class LeaderElectionTests
{
    [Fact]
    public async Task TwoReplicas_OnlyTheLeaseHolderProcesses_AndTheOtherTakesOverWhenItStops()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var processorA = new RecordingRunProcessor();
        var processorB = new RecordingRunProcessor();
        var a = harness.StartOperator(OperatorHarness.FastOptions(leaderElection: true, identity: "replica-a"), processorA);
        var b = harness.StartOperator(OperatorHarness.FastOptions(leaderElection: true, identity: "replica-b"), processorB);
        await harness.WaitUntilAsync(() => a.Runtime.IsLeader || b.Runtime.IsLeader, "a leader was elected");
        var (leader, follower, leaderCalls, followerCalls) = a.Runtime.IsLeader ? (a, b, processorA, processorB) : (b, a, processorB, processorA);

        var app = SparkApps.KubeflowPi("spark-pi");
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1");
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        leaderCalls.Calls.Should().ContainSingle();
        followerCalls.Calls.Should().BeEmpty();
        follower.Runtime.IsLeader.Should().BeFalse();
        var lease = harness.Server.Store.Get(ResourceType.Leases, "kube-system", "spark-optimizer")!;
        lease["spec"]!["holderIdentity"]!.GetValue<string>().Should().Be(leader.Runtime.Identity);
        harness.Server.Requests.Where(r => r.Path.Contains("/sparkapplications", StringComparison.Ordinal) && r.IsWatch).Should().NotBeEmpty();

        // the leader stops; the follower takes the lease after it expires and handles the next run
        await leader.StopAsync();
        await harness.WaitUntilAsync(() => follower.Runtime.IsLeader, "the follower took over");
        harness.Server.Store.MergePatch(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, "spark-pi",
            new System.Text.Json.Nodes.JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-2") }, statusOnly: true);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 2);
        followerCalls.Calls.Should().ContainSingle().Which.SparkAppId.Should().Be("spark-2");
        leaderCalls.Calls.Should().ContainSingle();
    }
}
