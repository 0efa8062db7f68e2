using System.Text.Json.Nodes;
using SparkOptimizer.Operator.Controllers;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Controllers;

public sealed class KubeflowSparkApplicationControllerTests
{
    private static readonly ResourceType Apps = ResourceType.KubeflowSparkApplications;

    [Fact]
    public async Task Reconcile_AnnotatedAppTurnsCompleted_CreatesOptimizationWithStatusAndProcessesOnce()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var store = harness.Server.Store;
        store.Create(Apps, SparkApps.Namespace, SparkApps.KubeflowPi("spark-pi"));
        var op = harness.StartOperator();
        await harness.WaitUntilAsync(() => op.Runtime.Ready, "operator listed its kinds");

        store.MergePatch(Apps, SparkApps.Namespace, "spark-pi", new JsonObject { ["status"] = SparkApps.KubeflowStatus("RUNNING", "spark-abc") }, statusOnly: true).Succeeded.Should().BeTrue();
        store.MergePatch(Apps, SparkApps.Namespace, "spark-pi", new JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-abc") }, statusOnly: true);

        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        await harness.WaitUntilAsync(() => harness.Events(SparkApps.Namespace).Any(e => e["reason"]?.GetValue<string>() == EventReasons.RunAnalyzed), "RunAnalyzed event");

        harness.Processor.Calls.Should().ContainSingle();
        var call = harness.Processor.Calls[0];
        call.App.Kind.Should().Be("SparkApplication");
        call.App.Name.Should().Be("spark-pi");
        call.SparkAppId.Should().Be("spark-abc");
        call.EventLog!.Uri.Should().Be("s3a://spark-events/spark-abc");
        call.Spec.Objective.Should().Be("cost");
        call.Spec.Sla.Should().Be("45m");
        call.Annotations.Should().ContainKey(OptInAnnotations.Enabled);

        var optimization = harness.Optimization(SparkApps.Namespace, "spark-pi")!;
        optimization["spec"]!["target"]!["kind"]!.GetValue<string>().Should().Be("SparkApplication");
        optimization["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>().Should().Be("spark-pi");
        var status = optimization["status"]!;
        status["phase"]!.GetValue<string>().Should().Be("Analyzed");
        status["lastRun"]!["sparkAppId"]!.GetValue<string>().Should().Be("spark-abc");
        status["lastRun"]!["duration"]!.GetValue<string>().Should().Be("45m12s");
        status["findings"]!["critical"]!.GetValue<int>().Should().Be(1);
        status["findings"]!["worst"]!.GetValue<string>().Should().Be("critical: Data skew");
        status["recommendations"]![0]!["to"]!.GetValue<string>().Should().Be("8g");
        status["prediction"]!["saving"]!.GetValue<string>().Should().Be("4.50 USD (36%)");
        status["lastRun"]!["costText"]!.GetValue<string>().Should().Be("12.50 USD");
        status["pullRequest"]!["number"]!.GetValue<int>().Should().Be(7);
        harness.ProcessedRuns(SparkApps.Namespace, "spark-pi").Should().Equal("spark-pi:spark-abc");

        // status only through /status, as merge patches
        harness.Server.Requests.Where(r => r.Path.Contains("/sparkoptimizations/") && r.Method is "PATCH" or "PUT")
            .Should().OnlyContain(r => r.Path.EndsWith("/status", StringComparison.Ordinal) && r.ContentType!.StartsWith("application/merge-patch+json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_AppWithoutAnnotation_IsIgnored()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var store = harness.Server.Store;
        var app = SparkApps.KubeflowPi("plain", optedIn: false);
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-plain");
        store.Create(Apps, SparkApps.Namespace, app);
        var opted = SparkApps.KubeflowPi("opted");
        opted["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-opted");
        store.Create(Apps, SparkApps.Namespace, opted);

        harness.StartOperator();
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "opted", 1);

        harness.Optimization(SparkApps.Namespace, "plain").Should().BeNull();
        harness.Processor.Calls.Should().ContainSingle().Which.App.Name.Should().Be("opted");
    }

    [Fact]
    public async Task Reconcile_SubmissionFailed_ReportsInfrastructureFailureWithoutProcessing()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var app = SparkApps.KubeflowPi("broken");
        app["status"] = SparkApps.KubeflowStatus("SUBMISSION_FAILED", null);
        harness.Server.Store.Create(Apps, SparkApps.Namespace, app);

        harness.StartOperator();
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "broken", 1);
        await harness.WaitUntilAsync(() => harness.Events(SparkApps.Namespace).Any(e => e["reason"]?.GetValue<string>() == EventReasons.InfrastructureFailure), "InfrastructureFailure event");

        harness.Processor.Calls.Should().BeEmpty();
        var status = harness.Optimization(SparkApps.Namespace, "broken")!["status"]!;
        status["phase"]!.GetValue<string>().Should().Be("InfrastructureFailure");
        status["lastRun"]!["outcome"]!.GetValue<string>().Should().Be("SUBMISSION_FAILED");
    }

    [Fact]
    public async Task Reconcile_ProcessorKeepsFailing_RetriedThenRecordedAsErrorOnce()
    {
        await using var harness = await OperatorHarness.StartAsync();
        harness.Processor.Answer = _ => throw new InvalidOperationException("event log not found");
        var app = SparkApps.KubeflowPi("spark-pi");
        app["status"] = SparkApps.KubeflowStatus("FAILED", "spark-1");
        harness.Server.Store.Create(Apps, SparkApps.Namespace, app);

        var options = OperatorHarness.FastOptions();
        options.MaxAnalysisAttempts = 3;
        harness.StartOperator(options);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        harness.Processor.Calls.Should().HaveCount(3);
        var status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
        status["phase"]!.GetValue<string>().Should().Be("Error");
        status["conditions"]!.AsArray().Should().Contain(c => c!["reason"]!.GetValue<string>() == EventReasons.AnalysisFailed);
        var failed = harness.Events(SparkApps.Namespace).Where(e => e["reason"]!.GetValue<string>() == EventReasons.AnalysisFailed).ToList();
        failed.Count(e => e["involvedObject"]!["kind"]!.GetValue<string>() == "SparkApplication").Should().Be(3);
        failed.Count(e => e["involvedObject"]!["kind"]!.GetValue<string>() == "SparkOptimization").Should().Be(3, "kubectl describe sparkoptimization shows them too");
    }

    [Fact]
    public async Task Reconcile_RunWithRealRollingEventLog_HandsTheProcessorItsFolder()
    {
        // a real Spark 3.5 on Kubernetes run, written as a rolling folder eventlog_v2_<appId>
        const string appId = "spark-bcec39f6201b42b9925124595baad260";
        var events = SparkOptimizer.Testing.Corpus.Path("mcp-apache-spark-history-server/events");
        await using var harness = await OperatorHarness.StartAsync();
        var app = SparkApps.KubeflowPi("rolling");
        app["spec"]!["sparkConf"] = new JsonObject
        {
            ["spark.eventLog.enabled"] = "true",
            ["spark.eventLog.dir"] = "file://" + events,
            ["spark.eventLog.rolling.enabled"] = "true",
        };
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", appId);
        harness.Server.Store.Create(Apps, SparkApps.Namespace, app);

        harness.StartOperator();
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "rolling", 1);

        var location = harness.Processor.Calls.Should().ContainSingle().Subject.EventLog!;
        location.Rolling.Should().BeTrue();
        location.Uri.Should().Be($"file://{events}/eventlog_v2_{appId}");
        Directory.GetFiles(new Uri(location.Uri).LocalPath).Select(Path.GetFileName).Should().Contain($"events_1_{appId}");
    }

    [Fact]
    public async Task Watch_ListedNamespaces_OnlyThoseAreWatched()
    {
        await using var harness = await OperatorHarness.StartAsync();
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            var app = SparkApps.KubeflowPi("spark-pi");
            app["metadata"]!["namespace"] = ns;
            app["status"] = SparkApps.KubeflowStatus("COMPLETED", $"spark-{ns}");
            harness.Server.Store.Create(Apps, ns, app);
        }

        var options = OperatorHarness.FastOptions();
        options.Namespaces = ["team-a"];
        harness.StartOperator(options);
        await harness.WaitForProcessedRunsAsync("team-a", "spark-pi", 1);

        harness.Processor.Calls.Should().ContainSingle().Which.App.Namespace.Should().Be("team-a");
        harness.Optimization("team-b", "spark-pi").Should().BeNull();
        harness.Server.Requests.Where(r => r.Method == "GET" && r.Path.Contains("sparkoperator", StringComparison.Ordinal))
            .Should().OnlyContain(r => r.Path.StartsWith("/apis/sparkoperator.k8s.io/v1beta2/namespaces/team-a/", StringComparison.Ordinal), "no cluster-wide list or watch");
    }
}
