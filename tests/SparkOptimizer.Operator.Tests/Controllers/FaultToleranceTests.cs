using System.Text.Json.Nodes;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Controllers;

/// <summary>Dropped watches, 410 Gone, 409 and 500 answers, and restarts neither lose nor duplicate a run.</summary>
public sealed class FaultToleranceTests
{
    private static readonly ResourceType Apps = ResourceType.KubeflowSparkApplications;

    [Fact]
    public async Task Watch_DroppedThenExpiredWhileAppCompletes_RelistsAndProcessesOnce()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var server = harness.Server;
        server.Store.Create(Apps, SparkApps.Namespace, SparkApps.KubeflowPi("spark-pi"));
        var op = harness.StartOperator();
        await harness.WaitUntilAsync(() => op.Runtime.Ready && server.OpenWatches(Apps) == 1, "watching");

        // the watch is cut and cannot come back for a while (500s); meanwhile the run completes and history is compacted
        server.Faults.FailNext(3, 500, r => r.IsWatch && r.Plural == "sparkapplications");
        server.Faults.DropWatches();
        server.Store.MergePatch(Apps, SparkApps.Namespace, "spark-pi", new JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1") }, statusOnly: true);
        server.Store.Compact();

        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        harness.Processor.Calls.Should().ContainSingle();
        server.Requests.Should().Contain(r => r.IsWatch && r.Status == 500, "the watch was refused while down");
        server.Requests.Count(r => r.Method == "GET" && !r.IsWatch && r.Path.EndsWith("/sparkapplications", StringComparison.Ordinal) && r.Path.Contains("sparkoperator", StringComparison.Ordinal))
            .Should().BeGreaterThanOrEqualTo(2, "the 410 made the watcher list again");
    }

    [Fact]
    public async Task Watch_DroppedConnection_ResumesFromLastResourceVersionWithoutRelisting()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var server = harness.Server;
        server.Store.Create(Apps, SparkApps.Namespace, SparkApps.KubeflowPi("spark-pi"));
        var op = harness.StartOperator();
        await harness.WaitUntilAsync(() => op.Runtime.Ready && server.OpenWatches(Apps) == 1, "watching");
        var lists = ListCount(server);

        server.Faults.DropWatches();
        server.Store.MergePatch(Apps, SparkApps.Namespace, "spark-pi", new JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1") }, statusOnly: true);

        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        harness.Processor.Calls.Should().ContainSingle();
        ListCount(server).Should().Be(lists, "a dropped watch resumes from its resourceVersion");
        server.Requests.Where(r => r.IsWatch && r.Path.Contains("sparkoperator", StringComparison.Ordinal) && r.Path.EndsWith("/sparkapplications", StringComparison.Ordinal))
            .Skip(1).Should().OnlyContain(r => r.Query.Contains("resourceVersion=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusWrite_ConflictsAndServerErrors_RetriedWithoutProcessingTwice()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var server = harness.Server;
        var op = harness.StartOperator();
        await harness.WaitUntilAsync(() => op.Runtime.Ready, "operator listed its kinds");
        server.Store.Create(ResourceType.SparkOptimizations, SparkApps.Namespace, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "spark-pi" },
            ["spec"] = new JsonObject { ["target"] = new JsonObject { ["apiVersion"] = "sparkoperator.k8s.io/v1beta2", ["kind"] = "SparkApplication", ["name"] = "spark-pi" } },
        });

        // two 409s on the status write are retried after re-reads; then two 500s fail the reconcile, which is requeued
        server.Faults.FailNext(2, 409, r => r.IsStatusWrite);
        server.Faults.FailNext(2, 500, r => r.IsStatusWrite);
        var app = SparkApps.KubeflowPi("spark-pi");
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1");
        server.Store.Create(Apps, SparkApps.Namespace, app);

        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        harness.Processor.Calls.Should().ContainSingle();
        server.Requests.Where(r => r.Path.EndsWith("/status", StringComparison.Ordinal)).Select(r => r.Status).Should().StartWith([409, 409, 500, 500]);
    }

    [Fact]
    public async Task Restart_NewOperatorOverSameState_DoesNotReprocess()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var app = SparkApps.KubeflowPi("spark-pi");
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1");
        harness.Server.Store.Create(Apps, SparkApps.Namespace, app);
        var first = harness.StartOperator();
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        await first.StopAsync();

        var afterRestart = new RecordingRunProcessor();
        var reconciled = harness.Server.Requests.Count;
        var second = harness.StartOperator(processor: afterRestart);
        await harness.WaitUntilAsync(() => second.Runtime.Ready, "restarted operator listed its kinds");
        await harness.WaitUntilAsync(() => harness.Server.Requests.Skip(reconciled).Any(r => r.Method == "GET" && r.Path.EndsWith("/sparkoptimizations/spark-pi", StringComparison.Ordinal)), "the restarted operator looked at the app's optimization");

        afterRestart.Calls.Should().BeEmpty();
        harness.Processor.Calls.Should().ContainSingle();

        // a new run of the same app is still processed by the restarted operator
        harness.Server.Store.MergePatch(Apps, SparkApps.Namespace, "spark-pi", new JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-2") }, statusOnly: true);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 2);
        afterRestart.Calls.Should().ContainSingle().Which.SparkAppId.Should().Be("spark-2");
    }

    [Fact]
    public async Task StatusWrites_DoNotTriggerReconcilesOfTheOptimization_SpecChangesDo()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var op = harness.StartOperator();
        await harness.WaitUntilAsync(() => op.Runtime.Ready, "operator listed its kinds");
        var app = SparkApps.KubeflowPi("spark-pi");
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1");
        harness.Server.Store.Create(Apps, SparkApps.Namespace, app);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        await harness.WaitUntilAsync(() => op.Runtime.OptimizationReconciles >= 1, "the created optimization was reconciled once");
        var afterCreate = op.Runtime.OptimizationReconciles;

        // more status writes (a second run): no reconcile of the SparkOptimization
        harness.Server.Store.MergePatch(Apps, SparkApps.Namespace, "spark-pi", new JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-2") }, statusOnly: true);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 2);

        // a spec change is a new generation: reconciled, acknowledged in observedGeneration
        harness.Server.Store.MergePatch(ResourceType.SparkOptimizations, SparkApps.Namespace, "spark-pi",
            new JsonObject { ["spec"] = new JsonObject { ["objective"] = "runtime" } }, statusOnly: false);
        await harness.WaitUntilAsync(() => harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["observedGeneration"]!.GetValue<long>() == 2, "observedGeneration acknowledged");

        op.Runtime.OptimizationReconciles.Should().Be(afterCreate + 1, "only the spec change reconciled; status writes did not");
    }

    [Fact]
    public async Task ListAndWatch_ObjectNotMatchingTheEntity_IsSkippedOthersProcessed()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var bad = SparkApps.KubeflowPi("bad");
        bad["spec"]!["driver"]!["cores"] = "one";
        bad["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-bad");
        harness.Server.Store.Create(Apps, SparkApps.Namespace, bad);
        var op = harness.StartOperator();
        await harness.WaitUntilAsync(() => op.Runtime.Ready, "listed despite the unreadable object");

        harness.Server.Store.MergePatch(Apps, SparkApps.Namespace, "bad", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["x"] = "y" } } }, statusOnly: false);
        var good = SparkApps.KubeflowPi("good");
        good["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-good");
        harness.Server.Store.Create(Apps, SparkApps.Namespace, good);

        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "good", 1);
        harness.Processor.Calls.Should().ContainSingle().Which.App.Name.Should().Be("good");
    }

    private static int ListCount(FakeKubeApiServer server) =>
        server.Requests.Count(r => r.Method == "GET" && !r.IsWatch && r.Path.Contains("sparkoperator", StringComparison.Ordinal) && r.Path.EndsWith("/sparkapplications", StringComparison.Ordinal));
}
