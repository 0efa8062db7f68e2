using System.Text.Json.Nodes;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Controllers;

public sealed class ScheduledAndApacheControllerTests
{
    [Fact]
    public async Task Reconcile_ScheduledRunsComplete_ProcessesEachRunOnceIntoTheSchedulesOptimization()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var store = harness.Server.Store;
        var created = store.Create(ResourceType.KubeflowScheduledSparkApplications, SparkApps.Namespace, SparkApps.KubeflowScheduled("nightly"));
        var op = harness.StartOperator();
        await harness.WaitUntilAsync(() => op.Runtime.Ready, "operator listed its kinds");

        foreach (var (run, appId) in new[] { ("nightly-1", "spark-n1"), ("nightly-2", "spark-n2") })
        {
            var app = SparkApps.ScheduledRun(created.Body, run);
            store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
            store.MergePatch(ResourceType.KubeflowScheduledSparkApplications, SparkApps.Namespace, "nightly",
                new JsonObject { ["status"] = new JsonObject { ["lastRunName"] = run, ["scheduleState"] = "Scheduled" } }, statusOnly: true);
            store.MergePatch(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, run,
                new JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", appId) }, statusOnly: true);
            await harness.WaitUntilAsync(() => harness.ProcessedRuns(SparkApps.Namespace, "nightly").Contains($"{run}:{appId}"), $"{run} processed");
        }

        harness.Processor.Calls.Select(c => c.RunId).Should().Equal("nightly-1:spark-n1", "nightly-2:spark-n2");
        harness.Processor.Calls.Should().OnlyContain(c => c.App.Kind == "ScheduledSparkApplication" && c.App.Name == "nightly");
        harness.Processor.Calls[1].Run.Name.Should().Be("nightly-2");
        var optimization = harness.Optimization(SparkApps.Namespace, "nightly")!;
        optimization["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>().Should().Be("ScheduledSparkApplication");
        optimization["status"]!["lastRun"]!["name"]!.GetValue<string>().Should().Be("nightly-2");
        harness.Optimization(SparkApps.Namespace, "nightly-1").Should().BeNull("runs of a schedule share the schedule's SparkOptimization");
    }

    [Fact]
    public async Task Reconcile_ApacheAppReachesTerminalState_ProcessesTheAttemptOnce()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var store = harness.Server.Store;
        store.Create(ResourceType.ApacheSparkApplications, SparkApps.Namespace, SparkApps.ApachePi("pi-eventlog"));
        var op = harness.StartOperator();
        await harness.WaitUntilAsync(() => op.Runtime.Ready, "operator listed its kinds");

        store.MergePatch(ResourceType.ApacheSparkApplications, SparkApps.Namespace, "pi-eventlog",
            new JsonObject { ["status"] = SparkApps.ApacheStatus("Submitted", "DriverRequested", "DriverStarted", "RunningHealthy") }, statusOnly: true);
        store.MergePatch(ResourceType.ApacheSparkApplications, SparkApps.Namespace, "pi-eventlog",
            new JsonObject { ["status"] = SparkApps.ApacheStatus("Submitted", "DriverRequested", "DriverStarted", "RunningHealthy", "Succeeded") }, statusOnly: true);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "pi-eventlog", 1);
        store.MergePatch(ResourceType.ApacheSparkApplications, SparkApps.Namespace, "pi-eventlog",
            new JsonObject { ["status"] = SparkApps.ApacheStatus("Submitted", "DriverRequested", "DriverStarted", "RunningHealthy", "Succeeded", "ResourceReleased") }, statusOnly: true);
        await harness.WaitUntilAsync(() => harness.Server.Requests.Count(r => r.Path.EndsWith("/pi-eventlog", StringComparison.Ordinal) && r.Method == "GET") >= 2, "the terminal state was reconciled");

        var call = harness.Processor.Calls.Should().ContainSingle().Subject;
        call.App.ApiVersion.Should().Be("spark.apache.org/v1");
        call.SparkAppId.Should().Be("pi-eventlog-0");
        call.EventLog!.Uri.Should().Be("s3a://spark-events/pi-eventlog-0");
        call.Outcome.Should().Be("Succeeded");
        call.DurationMs.Should().Be(20 * 60 * 1000);
        harness.Optimization(SparkApps.Namespace, "pi-eventlog")!["spec"]!["target"]!["apiVersion"]!.GetValue<string>().Should().Be("spark.apache.org/v1");
    }

    [Fact]
    public async Task Reconcile_ApacheSchedulingFailure_IsReportedNotTuned()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var app = SparkApps.ApachePi("unschedulable");
        app["status"] = SparkApps.ApacheStatus("Submitted", "SchedulingFailure", "ResourceReleased");
        harness.Server.Store.Create(ResourceType.ApacheSparkApplications, SparkApps.Namespace, app);

        harness.StartOperator();
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "unschedulable", 1);

        harness.Processor.Calls.Should().BeEmpty();
        var status = harness.Optimization(SparkApps.Namespace, "unschedulable")!["status"]!;
        status["phase"]!.GetValue<string>().Should().Be("InfrastructureFailure");
        status["lastRun"]!["outcome"]!.GetValue<string>().Should().Be("SchedulingFailure");
    }

    [Fact]
    public async Task Run_ApacheCrdMissing_StartsAndServesKubeflow()
    {
        await using var harness = await OperatorHarness.StartAsync(apache: false);
        var app = SparkApps.KubeflowPi("spark-pi");
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1");
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);

        var op = harness.StartOperator();
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        op.Runtime.Ready.Should().BeTrue();
        op.Runtime.MissingCrds.Should().ContainSingle().Which.Should().Contain("spark.apache.org");

        // installing the CRD later is picked up
        harness.Server.Install(ResourceType.ApacheSparkApplications);
        var apache = SparkApps.ApachePi("late");
        apache["status"] = SparkApps.ApacheStatus("Submitted", "Succeeded");
        harness.Server.Store.Create(ResourceType.ApacheSparkApplications, SparkApps.Namespace, apache);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "late", 1);
        op.Runtime.MissingCrds.Should().BeEmpty();

        // uninstalling a CRD while watching is noticed on the next reconnect
        harness.Server.Uninstall(ResourceType.KubeflowScheduledSparkApplications);
        harness.Server.Faults.DropWatches();
        await harness.WaitUntilAsync(() => op.Runtime.MissingCrds.Any(c => c.StartsWith("scheduledsparkapplications", StringComparison.Ordinal)), "the uninstalled CRD was noticed");
    }

    [Fact]
    public async Task Reconcile_KubeflowAndApacheAppsShareAName_EachGetsItsOwnOptimization()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var kubeflow = SparkApps.KubeflowPi("pi");
        kubeflow["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-k");
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, kubeflow);
        var op = harness.StartOperator();
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "pi", 1);

        var apache = SparkApps.ApachePi("pi");
        apache["status"] = SparkApps.ApacheStatus("Submitted", "Succeeded");
        harness.Server.Store.Create(ResourceType.ApacheSparkApplications, SparkApps.Namespace, apache);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "pi-apache", 1);

        harness.Optimization(SparkApps.Namespace, "pi")!["spec"]!["target"]!["apiVersion"]!.GetValue<string>().Should().Be("sparkoperator.k8s.io/v1beta2");
        harness.Optimization(SparkApps.Namespace, "pi-apache")!["spec"]!["target"]!["apiVersion"]!.GetValue<string>().Should().Be("spark.apache.org/v1");
        harness.Processor.Calls.Should().HaveCount(2);
    }

    [Fact]
    public async Task Run_CrdMissingInSeveralNamespaces_SaysSoOnce()
    {
        await using var harness = await OperatorHarness.StartAsync(apache: false);
        var logs = new CapturingLoggerFactory();
        var options = OperatorHarness.FastOptions();
        options.Namespaces = ["team-a", "team-b", "team-c"];
        var op = harness.StartOperator(options, loggers: logs);
        await harness.WaitUntilAsync(() => op.Runtime.Ready, "ready without the Apache CRD");

        // several more slow re-checks of the missing kind in every namespace
        var checks = harness.Server.Requests.Count(r => r.Path.Contains("spark.apache.org", StringComparison.Ordinal));
        await harness.WaitUntilAsync(() => harness.Server.Requests.Count(r => r.Path.Contains("spark.apache.org", StringComparison.Ordinal)) >= checks + 6, "re-checked");

        logs.Lines.Count(l => l.Message.Contains("spark.apache.org", StringComparison.Ordinal) && l.Message.Contains("not served", StringComparison.Ordinal))
            .Should().Be(1);
        op.Runtime.MissingCrds.Should().Equal("sparkapplications.spark.apache.org/v1");
    }
}
