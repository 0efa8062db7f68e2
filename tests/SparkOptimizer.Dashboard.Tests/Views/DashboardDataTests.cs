using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Dashboard.Tests.Views;

public sealed class DashboardDataTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);

    private static readonly CatalogRun[] Etl =
    [
        SummaryCatalog.Run("etl-2", "default/etl", Day.AddDays(1), 1_800_000, 2.50m, "Executors idle"),
        SummaryCatalog.Run("etl-1", "default/etl", Day, 3_600_000, 1.50m),
    ];

    [Fact]
    public void Fleet_SummaryOnlyRuns_AreRowsAndCountInTheTotals()
    {
        var data = new DashboardData(new SummaryCatalog(Etl), new DashboardOptions());

        var fleet = data.Fleet();

        var row = fleet.Rows.Should().ContainSingle().Subject;
        row.AppKey.Should().Be("default/etl");
        row.Runs.Should().Be(2);
        row.LastRun.RunId.Should().Be("etl-2", "the last run is the latest by start, whatever the catalog's order");
        row.LastRun.DurationMs.Should().Be(1_800_000);
        row.LastRun.WorstFinding.Should().Be("Executors idle");
        row.CostTrendPct.Should().BeApproximately(66.67, 0.01);
        fleet.Totals.Runs.Should().Be(2);
        fleet.Totals.Spend.Should().Be(4.00m);
        fleet.Totals.CoreHours.Should().BeApproximately(12, 1e-9, "8 cores for an hour and for half an hour");
    }

    [Fact]
    public void Fleet_PricedCorpusRuns_TotalWasteByCauseThatAddsUpWithUsefulWorkToTheSpend()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("sparklint/spark_event_log_example"), dir.File("spark_event_log_example"));
        File.Copy(Corpus.Path("sparklens/local-1532512550423"), dir.File("local-1532512550423"));
        var folder = new FolderRunCatalog(dir.Path);
        var data = new DashboardData(folder, new DashboardOptions());

        var totals = data.Fleet().Totals;

        var reports = folder.Runs().Select(r => folder.Report(r.Id)!.CostDetails!).ToList();
        var useful = reports.Sum(c => c.UsefulCost!.Value.Amount);
        totals.WasteByCause.Keys.Should().Contain(["idle cores", "driver-only time", "skew tail", "failed attempts"]);
        totals.WasteByCause.Values.Sum().Should().Be(totals.Waste, "the causes add up to the fleet's waste");
        (totals.Waste + useful).Should().Be(reports.Sum(c => c.Cost!.Value.Round(4).Amount), "waste and useful work add up to the runs' cost");
        FleetPage.Render(data.Fleet(), "Spark Optimizer").Should().Contain("Fleet waste by cause").And.Contain("Waste: idle cores");
    }

    [Fact]
    public void App_ReportsAndSummariesOfOneApp_ListsBothOldestFirst()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("sparklint/spark_event_log_example"), dir.File("spark_event_log_example"));
        var folder = new FolderRunCatalog(dir.Path);
        var app = folder.Runs().Single().AppKey;
        var older = SummaryCatalog.Run("older", app, new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero), 60_000, null);
        var data = new DashboardData(new SummaryCatalog([older], folder), new DashboardOptions());

        var view = data.App(app)!;

        view.Runs.Select(r => r.RunId).Should().Equal("older", "spark_event_log_example");
        view.Runs[1].Findings.Should().BePositive("the run with a report is summarised from it");
        data.SummaryOnly("older")!.DurationMs.Should().Be(60_000);
        data.SummaryOnly("spark_event_log_example").Should().BeNull("that run has its full report");
        data.SummaryOnly("unknown").Should().BeNull();
    }

    [Fact]
    public void App_SummaryOnlyRuns_DrawsTheHistoryAndLinksEveryRun()
    {
        var data = new DashboardData(new SummaryCatalog(Etl), new DashboardOptions());

        var html = AppPage.Render(data.App("default/etl")!, "Spark Optimizer");

        html.Should().Contain("id=\"history\"").And.Contain("/runs/etl-1").And.Contain("/runs/etl-2").And.Contain("$2.50");
    }

    [Fact]
    public void RunSummaryPage_SummaryOnlyRun_SaysTheReportIsNotKeptAndShowsTheSummary()
    {
        var data = new DashboardData(new SummaryCatalog(Etl), new DashboardOptions());

        var html = RunSummaryPage.Render(data.SummaryOnly("etl-2")!, "Spark Optimizer");

        html.Should().Contain("not kept in the operator").And.Contain("30 minutes").And.Contain("$2.50").And.Contain("Executors idle")
            .And.Contain("href=\"/apps/default%2Fetl\"");
    }
}
