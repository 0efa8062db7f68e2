using System.Net;
using Microsoft.Extensions.Time.Testing;
using SparkOptimizer.Dashboard;
using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.History;
using SparkOptimizer.Ingest;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Testing;
using SparkOptimizer.Tests.Support;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Engine;

/// <summary>
/// The operator's dashboard over a real SQLite run history filled through the ledger with real runs: two cohorts, one the Kubernetes
/// spark-pi log run three times (the third under a merged change, with the prediction made for it), the other a second real log.
/// </summary>
public sealed class OperatorRunCatalogTests : IDisposable
{
    private const string Pi = "default/spark-pi";
    private const string Etl = "etl/sparklint";
    private const string PiLog = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b/events_1_spark-110be3a8424d4a2789cb88134418217b";
    private static readonly double[] Stretch = [1.0, 1.5, 0.8];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string HistoryFile => _dir.File("history.db");

    /// <summary>Analyses the logs and records them through the ledger, as the operator does; returns each cohort's reports and records, oldest first.</summary>
    private async Task<Dictionary<string, List<(RunReport Report, RunRecord Record)>>> FillHistoryAsync()
    {
        var piLogs = Directory.CreateDirectory(_dir.File("pi")).FullName;
        for (var n = 1; n <= Stretch.Length; n++)
        {
            EventLogVariant.Write(Corpus.Path(PiLog), piLogs, $"spark-run{n}", TimeSpan.FromDays(n), Stretch[n - 1]);
        }

        var etlLogs = Directory.CreateDirectory(_dir.File("etl")).FullName;
        File.Copy(Corpus.Path("sparklint/spark_event_log_example"), Path.Combine(etlLogs, "spark_event_log_example"));
        var runs = new Dictionary<string, List<(RunReport Report, RunRecord Record)>> { [Pi] = Analyse(piLogs, Pi), [Etl] = Analyse(etlLogs, Etl) };

        await using var store = await SqliteRunHistoryStore.OpenAsync(HistoryFile);
        var ledger = new CohortLedger(store);
        foreach (var (cohort, list) in runs)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var (report, record) = list[i];
                // The third spark-pi run ran under a merged change, with the prediction made for it.
                var merged = cohort == Pi && i == 2;
                var run = CohortRun.From(report.Run, changeId: merged ? "fp1" : null);
                list[i] = (report, record = merged ? record with { Prediction = new History.PredictedRun(40_000, 30_000, 50_000, null, 0.8, "Replay") } : record);
                await ledger.AddRunAsync(cohort, run, record, CancellationToken.None);
            }
        }

        // A proposal for the etl job, its pull request still open; the spark-pi one was merged long ago.
        await ledger.SaveProposalAsync(new ProposalRecord(Etl, "fp2", new Dictionary<string, string> { ["spark.sql.shuffle.partitions"] = "64" }, [], null, 1, 1, 7,
            "https://github.example/acme/gitops/pull/7", ProposalStatus.Proposed, DateTimeOffset.UnixEpoch), CancellationToken.None);
        await ledger.SaveProposalAsync(new ProposalRecord(Pi, "fp1", new Dictionary<string, string> { ["spark.executor.memory"] = "6g" }, [], null, 1, 1, 3,
            "https://github.example/acme/gitops/pull/3", ProposalStatus.Verified, DateTimeOffset.UnixEpoch), CancellationToken.None);
        var last = runs[Pi][^1].Record;
        await ledger.RecordVerificationAsync(last.Key, new History.Verification(VerificationState.Verified, last.FinishedAt, 4.2), CancellationToken.None);
        return runs;
    }

    private static List<(RunReport Report, RunRecord Record)> Analyse(string folder, string cohort) =>
        new LocalEventLogLocator().Locate(folder)
            .Select(input => new AnalysisPipeline().Analyze(input))
            .Select(report => (report, RunRecord.From(report, cohort, null, CostModel.Price(report.Run, new CostOptions { InstanceType = "m5.xlarge" }))))
            .OrderBy(x => x.Item2.StartedAt)
            .ToList();

    [Fact]
    public async Task RestartedOperator_ListsTheHistorysCohortsRunsAndPredictions()
    {
        var runs = await FillHistoryAsync();
        await using var store = await SqliteRunHistoryStore.OpenAsync(HistoryFile);
        var catalog = new OperatorRunCatalog(store, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var data = new DashboardData(catalog, new DashboardOptions());

        var fleet = data.Fleet();

        fleet.Rows.Select(r => (r.AppKey, r.Runs)).Should().BeEquivalentTo([(Pi, 3), (Etl, 1)]);
        var pi = fleet.Rows.Single(r => r.AppKey == Pi);
        pi.LastRun.DurationMs.Should().Be(runs[Pi][^1].Record.DurationMs);
        pi.LastRun.Cost.Should().Be(runs[Pi][^1].Record.Cost).And.NotBeNull("the runs were priced as m5.xlarge");
        pi.LastRun.CoreHours.Should().BePositive("the shape times the duration");
        pi.PredictionErrorPct.Should().Be(4.2, "the verified error of the last run comes from the history");
        fleet.Totals.Runs.Should().Be(4);
        var app = data.App(Pi)!;
        app.Runs.Select(r => r.DurationMs).Should().Equal(runs[Pi].Select(r => r.Record.DurationMs));
        app.Runs[1].DurationMs.Should().BeGreaterThan(app.Runs[0].DurationMs!.Value, "the second run was stretched 1.5x");
        app.Annotations.Predictions.Should().ContainSingle().Which.Should().Be(new Dashboard.Catalog.PredictedRun(app.Runs[2].RunId, 40_000, 30_000, 50_000));
        app.Annotations.Merges.Should().ContainSingle().Which.MergedAt.Should().Be(runs[Pi][2].Record.StartedAt!.Value);
        catalog.Report(app.Runs[0].RunId).Should().BeNull("this process analysed nothing");
        fleet.Rows.Single(r => r.AppKey == Etl).OpenPullRequestUrl.Should().EndWith("/pull/7", "the open pull request comes back from the history's proposals");
        pi.OpenPullRequestUrl.Should().BeNull("spark-pi's proposal was merged and verified");
    }

    [Fact]
    public async Task RestartedOperator_ServesTheAppAndAReportNotKeptPage()
    {
        var runs = await FillHistoryAsync();
        await using var store = await SqliteRunHistoryStore.OpenAsync(HistoryFile);
        await using var app = DashboardServer.Create(new OperatorRunCatalog(store), null, "http://127.0.0.1:0");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(DashboardServer.Addresses(app).Single()) };
        var id = HistoryRun.IdOf(runs[Etl][0].Record.Key);

        var fleet = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        var appPage = await http.GetStringAsync(new Uri($"/apps/{H.U(Pi)}", UriKind.Relative));
        var run = await http.GetAsync(new Uri($"/runs/{H.U(id)}", UriKind.Relative));

        fleet.Should().Contain(WebUtility.HtmlEncode(Pi)).And.Contain(WebUtility.HtmlEncode(Etl));
        appPage.Should().Contain("id=\"history\"").And.Contain(H.U(HistoryRun.IdOf(runs[Pi][1].Record.Key)));
        run.StatusCode.Should().Be(HttpStatusCode.OK);
        (await run.Content.ReadAsStringAsync()).Should().Contain(WebUtility.HtmlEncode(RunSummaryPage.NotKept))
            .And.Contain(WebUtility.HtmlEncode(H.Duration(runs[Etl][0].Record.DurationMs)));
    }

    [Fact]
    public async Task RunAnalysedHereAndInTheHistory_IsListedOnceWithItsReport()
    {
        var runs = await FillHistoryAsync();
        await using var store = await SqliteRunHistoryStore.OpenAsync(HistoryFile);
        var catalog = new OperatorRunCatalog(store);
        var (report, record) = runs[Pi][^1];

        catalog.RecordReport(record, report);
        catalog.RecordRun(Pi, record);

        var data = new DashboardData(catalog, new DashboardOptions());
        data.App(Pi)!.Runs.Should().HaveCount(3);
        data.Fleet().Totals.Runs.Should().Be(4);
        var id = HistoryRun.IdOf(record.Key);
        catalog.Runs().Count(r => r.Id == id).Should().Be(1);
        data.Run(id).Should().NotBeNull("the run analysed here keeps its full report");
        data.SummaryOnly(HistoryRun.IdOf(runs[Pi][0].Record.Key)).Should().NotBeNull("the others are summaries from the history");
    }

    [Fact]
    public async Task History_IsReadAgainOnlyAfterTheRefreshInterval()
    {
        var runs = await FillHistoryAsync();
        await using var store = new CountingHistoryStore(await SqliteRunHistoryStore.OpenAsync(HistoryFile));
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var catalog = new OperatorRunCatalog(store, time);
        catalog.Runs().Should().HaveCount(4);
        var (_, record) = runs[Etl][0];
        await store.RecordAsync(record with { AppId = "spark-later", StartedAt = record.StartedAt!.Value.AddDays(1) });

        time.Advance(OperatorCatalogLimits.HistoryRefresh - TimeSpan.FromSeconds(1));
        for (var view = 0; view < 5; view++)
        {
            catalog.Runs().Should().HaveCount(4, "a page view within the interval is served from memory");
        }

        await catalog.HistoryRead;
        store.Listings.Should().Be(1, "no page view within the interval went to the database");
        catalog.Runs().Should().HaveCount(4);
        time.Advance(TimeSpan.FromSeconds(1));

        // A page view after the interval is served the stale runs and starts one background read, which replaces them.
        catalog.Runs().Should().HaveCount(4);
        await catalog.HistoryRead.WaitAsync(TimeSpan.FromSeconds(10));
        store.Listings.Should().Be(2);
        catalog.Runs().Should().HaveCount(5, "the background read replaced the stale runs");
    }

    [Fact]
    public void Reports_AreKeptForTheLatestRunsOfTheLatestAppsOnly()
    {
        var report = new AnalysisPipeline().Analyze(new LocalEventLogLocator().Locate(Corpus.Path("sparklint/spark_event_log_example")).Single());
        var catalog = new OperatorRunCatalog();
        RunRecord Record(string cohort, int n) => RunRecord.From(report, cohort, null, null) with { AppId = $"app-{n}", StartedAt = DateTimeOffset.UnixEpoch.AddHours(n) };

        for (var n = 1; n <= 5; n++)
        {
            catalog.RecordReport(Record("ns/first", n), report);
        }

        catalog.Runs().Where(r => r.AppKey == "ns/first").Select(r => catalog.Report(r.Id) is not null)
            .Should().Equal(false, false, true, true, true);
        for (var a = 1; a <= OperatorCatalogLimits.AppsWithReports; a++)
        {
            catalog.RecordReport(Record($"ns/app{a}", 1), report);
        }

        catalog.Runs().Where(r => r.AppKey == "ns/first").Should().HaveCount(5, "runs whose report is dropped stay listed by their summary")
            .And.OnlyContain(r => catalog.Report(r.Id) == null && r.Summary != null);
        catalog.Report(HistoryRun.IdOf(Record($"ns/app{OperatorCatalogLimits.AppsWithReports}", 1).Key)).Should().NotBeNull();
    }

    [Fact]
    public async Task HungStore_CostsOnlyTheFirstPageViewAWaitAndIsAbandonedAfterTheReadTimeout()
    {
        var store = new HangingHistoryStore();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var catalog = new OperatorRunCatalog(store, time);
        catalog.RecordPullRequest("default/etl", "https://github.example/acme/gitops/pull/1");

        var first = Task.Run(() => catalog.Runs());
        await store.Listed.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(OperatorCatalogLimits.HistoryReadTimeout);
        (await first.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeEmpty("the hung read was abandoned after its timeout");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var view = 0; view < 5; view++)
        {
            catalog.Runs().Should().BeEmpty();
            catalog.Annotations("default/etl").OpenPullRequestUrl.Should().EndWith("/pull/1");
        }

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "after the first view no page waits on the store");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (store.Listings < 2 && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        await Task.Delay(100);
        store.Listings.Should().Be(2, "the stale (abandoned) read is retried once, in the background, while the views go on");
    }
}
