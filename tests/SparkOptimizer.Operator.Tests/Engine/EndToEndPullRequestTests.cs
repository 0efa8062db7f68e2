using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.GitHub;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.GitHub;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Engine;

/// <summary>
/// The whole loop: an annotated SparkApplication turns COMPLETED, the operator reads its real event log, analyses,
/// prices and predicts, writes status, and opens one pull request whose diff touches only the recommended values.
/// Kubernetes and GitHub are wire-level servers of our own; the event log, the manifest and git are real.
/// </summary>
public sealed class EndToEndPullRequestTests
{
    private const string AppId = "spark-110be3a8424d4a2789cb88134418217b";
    private const string ManifestPath = "apps/spark-pi.yaml";

    private static JsonObject CompletedApp() => SparkApps.CompletedKubeflowPi();

    private static EngineRunProcessor Processor(FakeGitHubServer github) => new(
        EngineParts.Finder(Corpus.EventLogs),
        new AnalysisPipeline(),
        EngineParts.Publisher(github),
        null,
        new EngineOptions(),
        NullLogger<EngineRunProcessor>.Instance);

    [Fact]
    public async Task CompletedRun_WithRealEventLog_OpensOnePullRequestEditingOnlyRecommendedValues()
    {
        var original = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml"));
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string> { [ManifestPath] = original });
        await using var harness = await OperatorHarness.StartAsync();
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, CompletedApp());

        var first = harness.StartOperatorWith(Processor(github));
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
        status["phase"]!.GetValue<string>().Should().Be("Analyzed");
        status["lastRun"]!["sparkAppId"]!.GetValue<string>().Should().Be(AppId);
        var recommendations = status["recommendations"]!.AsArray().Select(r => r!["key"]!.GetValue<string>()).ToArray();
        recommendations.Should().Contain("spark.executor.memory");
        status["pullRequest"]!["number"]!.GetValue<int>().Should().BePositive();
        repo.PullRequests.Should().ContainSingle();

        var branch = new AppIdentity("SparkApplication", "sparkoperator.k8s.io/v1beta2", SparkApps.Namespace, "spark-pi").BranchName;
        var edited = (await repo.ReadFileAsync(branch, ManifestPath))!;
        var before = original.Split('\n');
        var after = edited.Split('\n');
        var removed = MultisetMinus(before, after);
        var added = MultisetMinus(after, before);
        removed.Should().NotBeEmpty();
        removed.Should().OnlyContain(line => line.TrimStart().StartsWith("memory:", StringComparison.Ordinal)
            || line.TrimStart().StartsWith("instances:", StringComparison.Ordinal)
            || line.TrimStart().StartsWith("cores:", StringComparison.Ordinal),
            "only the values the operator recommended change; comments, order and every other line stay");
        added.Should().Contain(l => l.Contains("6g", StringComparison.Ordinal), string.Join("\n", added));
        after.Length.Should().BeGreaterThanOrEqualTo(before.Length);

        // A restart processes nothing again and opens no second pull request.
        await first.StopAsync();
        var second = harness.StartOperatorWith(Processor(github));
        await harness.WaitUntilAsync(() => second.Runtime.Ready, "restarted operator listed its kinds");
        harness.ProcessedRuns(SparkApps.Namespace, "spark-pi").Should().ContainSingle();
        repo.PullRequests.Should().ContainSingle();
    }

    [Fact]
    public async Task CompletedApacheRun_WithRealEventLog_OpensOnePullRequestEditingOnlySparkConf()
    {
        const string path = "apps/pi-with-eventlog.yaml";
        var original = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "apache-spark-operator", "examples", "pi-with-eventlog.yaml"));
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string> { [path] = original });
        await using var harness = await OperatorHarness.StartAsync();
        var app = SparkApps.ApachePi("pi-with-eventlog");
        var conf = app["spec"]!["sparkConf"]!.AsObject();
        conf["spark.app.id"] = AppId;
        conf["spark.eventLog.dir"] = PressuredTaxiRun.Events;
        conf["spark.eventLog.rolling.enabled"] = "true";
        app["status"] = SparkApps.ApacheStatus("Submitted", "DriverRequested", "DriverStarted", "RunningHealthy", "Succeeded", "ResourceReleased");
        harness.Server.Store.Create(ResourceType.ApacheSparkApplications, SparkApps.Namespace, app);

        harness.StartOperatorWith(Processor(github));
        await harness.WaitUntilAsync(() => repo.PullRequests.Count > 0, "a pull request was opened");
        await harness.WaitUntilAsync(() => harness.Server.Store.List(ResourceType.SparkOptimizations, SparkApps.Namespace).Items
            .Any(o => o["status"]?["pullRequest"]?["number"] is not null), "status names the pull request");

        repo.PullRequests.Should().ContainSingle();
        var branch = new AppIdentity("SparkApplication", "spark.apache.org/v1", SparkApps.Namespace, "pi-with-eventlog").BranchName;
        var edited = (await repo.ReadFileAsync(branch, path))!;
        var removed = MultisetMinus(original.Split('\n'), edited.Split('\n'));
        var added = MultisetMinus(edited.Split('\n'), original.Split('\n'));
        added.Should().Contain(l => l.Contains("spark.executor.memory", StringComparison.Ordinal) && l.Contains("6g", StringComparison.Ordinal), string.Join("\n", added));
        removed.Should().NotContain(l => !l.TrimStart().StartsWith("spark.", StringComparison.Ordinal), "only sparkConf values change");
        added.Should().OnlyContain(l => l.TrimStart().StartsWith("spark.", StringComparison.Ordinal), "new keys go into sparkConf");
        edited.Should().Contain("# Licensed to the Apache Software Foundation", "comments are kept");
    }

    [Fact]
    public async Task CompletedRun_WithAnOomInTheDriverPodLog_ReportsItOnStatus()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string>
        {
            [ManifestPath] = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml")),
        });
        await using var harness = await OperatorHarness.StartAsync();
        harness.Server.PodLogs[$"{SparkApps.Namespace}/spark-pi-driver"] =
            "24/01/01 10:05:00 ERROR TaskSchedulerImpl: Lost executor 2 on 10.0.0.7: The executor with id 2 exited with exit code 137(SIGKILL, possible container OOM).\n" +
            "24/01/01 10:06:00 ERROR Executor: Exception in task 1.0 in stage 3.0 (TID 12)\njava.lang.OutOfMemoryError: Java heap space\n";
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, CompletedApp());
        var processor = new EngineRunProcessor(
            EngineParts.Finder(Corpus.EventLogs),
            new AnalysisPipeline(),
            null,
            null,
            new EngineOptions(),
            NullLogger<EngineRunProcessor>.Instance,
            podLogs: new PodLogSource(harness.NewClient(), NullLogger<PodLogSource>.Instance));

        harness.StartOperatorWith(processor);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
        status["findings"]!["critical"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        status.ToJsonString().Should().Contain("Out of Memory in Executor and Driver Logs");
        harness.Server.Requests.Should().Contain(r => r.Path.EndsWith("/pods/spark-pi-driver/log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompletedRun_WhoseDriverPodIsGone_IsStillAnalysed()
    {
        await using var harness = await OperatorHarness.StartAsync();
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, CompletedApp());
        var processor = new EngineRunProcessor(
            EngineParts.Finder(Corpus.EventLogs),
            new AnalysisPipeline(), null, null, new EngineOptions(), NullLogger<EngineRunProcessor>.Instance,
            podLogs: new PodLogSource(harness.NewClient(), NullLogger<PodLogSource>.Instance));

        harness.StartOperatorWith(processor);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["phase"]!.GetValue<string>().Should().Be("Analyzed");
    }

    [Fact]
    public async Task CompletedRun_WithSecretsInItsLog_KeepsThemOutOfStatusPullRequestAndEvents()
    {
        using var dir = new TempDir();
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, "eventlog_v2_" + AppId)).FullName;
        PlantedSecrets.Write(
            PressuredTaxiRun.EventFile,
            Path.Combine(folder, $"events_1_{AppId}"));
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string>
        {
            [ManifestPath] = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml")),
        });
        await using var harness = await OperatorHarness.StartAsync();
        var app = CompletedApp();
        app["spec"]!["sparkConf"]!["spark.eventLog.dir"] = dir.Path;
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
        var processor = new EngineRunProcessor(
            EngineParts.Finder(dir.Path),
            new AnalysisPipeline(),
            EngineParts.Publisher(github),
            null,
            new EngineOptions(),
            NullLogger<EngineRunProcessor>.Instance);

        harness.StartOperatorWith(processor);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var everything = string.Join("\n",
            harness.Optimization(SparkApps.Namespace, "spark-pi")!.ToJsonString(),
            string.Join("\n", harness.Events(SparkApps.Namespace).Select(e => e.ToJsonString())),
            string.Join("\n", repo.PullRequests.Select(pr => pr.Title + "\n" + pr.Body)),
            string.Join("\n", github.Requests.Select(r => r.Body)));
        repo.PullRequests.Should().ContainSingle("the run was analysed and proposed");
        foreach (var secret in PlantedSecrets.Values)
        {
            everything.Should().NotContain(secret);
        }
    }

    private static string[] MultisetMinus(string[] a, string[] b)
    {
        var counts = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var line in a)
        {
            if (counts.TryGetValue(line, out var n) && n > 0)
            {
                counts[line] = n - 1;
            }
            else
            {
                result.Add(line);
            }
        }

        return result.ToArray();
    }

    [Fact]
    public async Task CompletedRun_WithGitHubFailures_RetriesToExactlyOnePullRequest()
    {
        var original = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml"));
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string> { [ManifestPath] = original });
        github.InjectFaults(3, new FakeFault(FakeFaultKind.ServerError));
        await using var harness = await OperatorHarness.StartAsync();
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, CompletedApp());

        harness.StartOperatorWith(Processor(github));
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        repo.PullRequests.Should().ContainSingle();
        github.FaultsServed.Should().Be(3);
    }
}
