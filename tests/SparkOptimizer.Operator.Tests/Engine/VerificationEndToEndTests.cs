using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.History;
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
/// After a merge, the next runs prove or disprove the change. One job (a real Kubernetes event log, re-run with new app ids,
/// moved in time and stretched) runs three times, gets a pull request, the pull request is merged by a reviewer, the operator
/// restarts (its memory is in a SQLite run history), and the job runs under the change: twice as slow. The verdict goes to status,
/// a revert pull request restores the manifest, and nothing more is proposed while the revert waits.
/// </summary>
public sealed class VerificationEndToEndTests : IDisposable
{
    private const string ManifestPath = "apps/spark-pi.yaml";
    private const string Source = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b/events_1_spark-110be3a8424d4a2789cb88134418217b";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Logs => _dir.Path;

    private EngineRunProcessor Processor(FakeGitHubServer github, IRunHistoryStore store, OperatorRunCatalog? catalog = null) => new(
        EngineParts.Finder(Logs),
        new AnalysisPipeline(),
        EngineParts.Publisher(github),
        null,
        new EngineOptions(),
        NullLogger<EngineRunProcessor>.Instance,
        catalog,
        cohorts: new CohortLedger(store));

    private void WriteRun(int n, double stretch, IReadOnlyDictionary<string, string>? conf = null) =>
        EventLogVariant.Write(PressuredTaxiRun.EventFile, Logs, AppId(n), TimeSpan.FromDays(n), stretch, conf);

    private static string AppId(int n) => $"spark-run{n:D2}";

    private static async Task CompleteRunAsync(OperatorHarness harness, int n, int processedBefore)
    {
        harness.Server.Store.MergePatch(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, "spark-pi",
            new JsonObject { ["status"] = SparkApps.KubeflowStatus("COMPLETED", AppId(n), minutes: 5) }, statusOnly: true).Should().NotBeNull();
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", processedBefore + 1);
    }

    [Fact]
    public async Task MergedChangeThatDoublesTheRuntime_IsRegressedOnStatusAndRevertedByAPullRequest()
    {
        var original = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml"));
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string> { [ManifestPath] = original });
        await using var harness = await OperatorHarness.StartAsync();
        var historyFile = _dir.File("history.db");

        // Three runs of the unchanged job (±3 % noise): the first opens the pull request, the others keep it.
        double[] before = [1.0, 1.03, 0.97];
        WriteRun(1, before[0]);
        var app = SparkApps.KubeflowPi("spark-pi");
        app["spec"]!["sparkConf"] = new JsonObject { ["spark.eventLog.enabled"] = "true", ["spark.eventLog.dir"] = Logs, ["spark.eventLog.rolling.enabled"] = "true" };
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", AppId(1), minutes: 5);
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
        var store = await SqliteRunHistoryStore.OpenAsync(historyFile);
        var first = harness.StartOperatorWith(Processor(github, store));
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        var cohort = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["cohort"]!;
        cohort["name"]!.GetValue<string>().Should().Be("default/spark-pi");
        cohort["state"]!.GetValue<string>().Should().Be("learning");
        cohort["runsUsed"]!.GetValue<int>().Should().Be(1);
        for (var n = 2; n <= 3; n++)
        {
            WriteRun(n, before[n - 1]);
            await CompleteRunAsync(harness, n, n - 1);
        }

        var status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
        var proposed = status["recommendations"]!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!["to"]!.GetValue<string>());
        proposed.Should().NotBeEmpty();
        var pr = repo.PullRequests.Should().ContainSingle().Subject;
        (await store.GetProposalsAsync("default/spark-pi")).Should().ContainSingle().Which.PullRequestNumber.Should().Be(pr.Number);

        // A reviewer merges; the operator restarts and knows the proposal and the cohort only from the run history.
        var client = new Octokit.GitHubClient(new Octokit.ProductHeaderValue("reviewer"), github.BaseUri) { Credentials = new Octokit.Credentials("test-token") };
        await client.PullRequest.Merge("acme", "gitops", pr.Number, new Octokit.MergePullRequest());
        var merged = (await repo.ReadFileAsync("main", ManifestPath))!;
        merged.Should().NotBe(original);
        await first.StopAsync();
        await store.DisposeAsync();
        store = await SqliteRunHistoryStore.OpenAsync(historyFile);
        harness.StartOperatorWith(Processor(github, store));

        // Runs under the change (its values in their Spark properties), twice as slow.
        double[] after = [2.0, 2.06, 1.96];
        for (var n = 4; n <= 5; n++)
        {
            WriteRun(n, after[n - 4], proposed);
            await CompleteRunAsync(harness, n, n - 1);
            status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
            status["verification"]!["state"]!.GetValue<string>().Should().Be("Pending", $"run {n}: too few runs after the merge for a verdict");
            repo.PullRequests.Should().ContainSingle("nothing new is proposed while the merged change awaits its verdict");
        }

        WriteRun(6, after[2], proposed);
        await CompleteRunAsync(harness, 6, 5);

        status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
        var verification = status["verification"]!;
        verification["state"]!.GetValue<string>().Should().Be("Regressed");
        status["cohort"]!["state"]!.GetValue<string>().Should().Be("established");
        status["cohort"]!["runsUsed"]!.GetValue<int>().Should().Be(6, "the cohort came back from the run history after the restart");
        var proposal = (await store.GetProposalsAsync("default/spark-pi")).Should().ContainSingle().Subject;
        verification["mergedFingerprint"]!.GetValue<string>().Should().Be(proposal.Fingerprint);
        verification["runs"]!.GetValue<int>().Should().Be(3);
        verification["runsBefore"]!.GetValue<int>().Should().Be(3);
        verification["observedDurationMs"]!.GetValue<long>().Should().BeGreaterThan(verification["predictedDurationMs"]!.GetValue<long>());
        var revertNumber = verification["revertPullRequest"]!.GetValue<int>();
        repo.PullRequests.Should().HaveCount(2);
        var revert = repo.PullRequests.Single(p => p.Number == revertNumber);
        revert.State.Should().Be("open");
        revert.Body.Should().Contain("made the job slower");
        var branch = new AppIdentity("SparkApplication", "sparkoperator.k8s.io/v1beta2", SparkApps.Namespace, "spark-pi").BranchName;
        (await repo.ReadFileAsync(branch, ManifestPath)).Should().Be(original, "the revert restores every value the change replaced, byte for byte");
        var reverted = (await store.GetProposalsAsync("default/spark-pi")).Single();
        reverted.Status.Should().Be(ProposalStatus.Reverted);
        reverted.RevertedAt.Should().NotBeNull("runs after the revert was opened tell a declined revert from a pending one");
        var records = await store.GetCohortAsync("default/spark-pi");
        records.Should().HaveCount(6);
        records.Where(r => r.Outcome?.ChangeId is not null).Should().HaveCount(3, "runs 4 to 6 ran under the merged change");
        records[^1].Verification.State.Should().Be(VerificationState.Regressed);

        // While the revert waits for review, nothing else is opened and the change is not reverted twice.
        WriteRun(7, 2.02, proposed);
        await CompleteRunAsync(harness, 7, 6);
        repo.PullRequests.Should().HaveCount(2);
        harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["verification"]!["state"]!.GetValue<string>().Should().Be("Reverted");
        await store.DisposeAsync();
    }

    [Fact]
    public async Task MergedChangeThatSpeedsTheJobUp_IsVerifiedWithPredictedAgainstObserved()
    {
        var original = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml"));
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string> { [ManifestPath] = original });
        await using var harness = await OperatorHarness.StartAsync();
        await using var store = await SqliteRunHistoryStore.OpenAsync(_dir.File("history.db"));

        double[] before = [1.0, 1.02, 0.98, 1.01, 0.99];
        WriteRun(1, before[0]);
        var app = SparkApps.KubeflowPi("spark-pi");
        app["spec"]!["sparkConf"] = new JsonObject { ["spark.eventLog.enabled"] = "true", ["spark.eventLog.dir"] = Logs, ["spark.eventLog.rolling.enabled"] = "true" };
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", AppId(1), minutes: 5);
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
        var catalog = new OperatorRunCatalog();
        var running = harness.StartOperatorWith(Processor(github, store, catalog));
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        var proposed = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["recommendations"]!.AsArray()
            .ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!["to"]!.GetValue<string>());
        for (var n = 2; n <= 5; n++)
        {
            WriteRun(n, before[n - 1]);
            await CompleteRunAsync(harness, n, n - 1);
        }

        var client = new Octokit.GitHubClient(new Octokit.ProductHeaderValue("reviewer"), github.BaseUri) { Credentials = new Octokit.Credentials("test-token") };
        await client.PullRequest.Merge("acme", "gitops", repo.PullRequests.Single().Number, new Octokit.MergePullRequest());

        // Five runs under the change, 40 % faster: a gain is claimed only once enough runs are in (10 here), then Verified.
        double[] after = [0.6, 0.61, 0.59, 0.6, 0.62];
        for (var n = 6; n <= 10; n++)
        {
            WriteRun(n, after[n - 6], proposed);
            await CompleteRunAsync(harness, n, n - 1);
            var state = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["verification"]!["state"]!.GetValue<string>();
            state.Should().Be(n < 10 ? "Pending" : "Verified", $"run {n}");
        }

        var verification = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["verification"]!;
        verification["runs"]!.GetValue<int>().Should().Be(5);
        verification["errorPercent"].Should().NotBeNull("the prediction is compared with what the runs observed");
        verification["intervalCoverage"].Should().NotBeNull();
        verification["reason"]!.GetValue<string>().Should().Contain("noise band");
        repo.PullRequests.Should().ContainSingle("a verified change is not reverted");
        (await store.GetProposalsAsync("default/spark-pi")).Single().Status.Should().Be(ProposalStatus.Verified);

        // The dashboard's app view: the merge as a marker, each run under it drawn against what was predicted for it, the error.
        var notes = catalog.Annotations("default/spark-pi");
        notes.OpenPullRequestUrl.Should().BeNull("the only pull request was merged");
        notes.Merges.Should().ContainSingle().Which.Url.Should().EndWith($"/pull/{repo.PullRequests.Single().Number}");
        notes.Predictions.Select(p => p.RunId).Should().Equal(Enumerable.Range(6, 5).Select(n => $"default/spark-pi:{AppId(n)}"));
        notes.PredictionErrorPct.Should().Be(verification["errorPercent"]!.GetValue<double>());

        // The fleet's interval coverage on /metrics: every run under the change against the interval predicted for it.
        var inside = verification["intervalCoverage"]!.GetValue<double>();
        var exported = string.Empty;
        await harness.WaitUntilAsync(() => (exported = running.Runtime.Metrics.ExportAsync().GetAwaiter().GetResult()).Contains("state=\"Verified\"", StringComparison.Ordinal),
            "the last run is counted on /metrics (after its status is written)");
        exported.Should().Contain($"sparkoptimizer_prediction_interval_coverage {inside.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        exported.Should().MatchRegex(@"sparkoptimizer_verified_runs_total\{state=""Verified"",inside_interval=""(true|false)""\} 1");
    }
}
