using System.Net;
using System.Text.Json;

namespace SparkOptimizer.Dashboard.Tests.Endpoints;

[Collection(DashboardCollection.Name)]
public sealed class ApiEndpointsTests(DashboardFixture fx)
{
    [Fact]
    public async Task Fleet_FolderOfLogs_ListsEveryAppWithTotals()
    {
        using var doc = await Get("/api/fleet");
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("appName").GetString()).Should().Contain(DashboardFixture.Apps);
        var totals = doc.RootElement.GetProperty("totals");
        totals.GetProperty("runs").GetInt32().Should().Be(6);
        totals.GetProperty("spend").GetDecimal().Should().BePositive("the runs are priced as m5.xlarge");
        totals.GetProperty("savingVerifiedPerRun").GetDecimal().Should().Be(0.01m, "only the annotated app has a verified saving");
    }

    [Fact]
    public async Task Fleet_CatalogWithAnnotations_ShowsOpenPrAndPredictionError()
    {
        using var doc = await Get("/api/fleet");
        var shell = doc.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("appKey").GetString() == DashboardFixture.ShellApp);
        shell.GetProperty("openPullRequestUrl").GetString().Should().EndWith("/pull/42");
        shell.GetProperty("predictionErrorPct").GetDouble().Should().Be(6.5);
        shell.GetProperty("runs").GetInt32().Should().Be(4);
        var other = doc.RootElement.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("appKey").GetString() != DashboardFixture.ShellApp);
        other.GetProperty("openPullRequestUrl").ValueKind.Should().Be(JsonValueKind.Null, "a folder of logs knows no PRs");
    }

    [Fact]
    public async Task App_ShellApp_ListsRunsOldestFirstWithMerges()
    {
        using var doc = await Get($"/api/apps/{DashboardFixture.ShellApp}");
        var starts = doc.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("startTime").GetDateTimeOffset()).ToList();
        starts.Should().HaveCount(4).And.BeInAscendingOrder();
        doc.RootElement.GetProperty("annotations").GetProperty("merges").GetArrayLength().Should().Be(1);
        doc.RootElement.GetProperty("annotations").GetProperty("predictions").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Run_Report_IsTheJsonReportContract()
    {
        using var doc = await Get($"/api/runs/{DashboardFixture.FindingsRun}");
        doc.RootElement.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        doc.RootElement.GetProperty("application").GetProperty("name").GetString().Should().Be("MyAppName");
        doc.RootElement.GetProperty("findings").GetArrayLength().Should().BePositive();
    }

    [Fact]
    public async Task RunViews_Run_HasABarPerStageAttemptAndAWhatIfCurve()
    {
        var report = fx.Folder.Report(DashboardFixture.FindingsRun)!;
        using var doc = await Get($"/api/runs/{DashboardFixture.FindingsRun}/views");
        var bars = doc.RootElement.GetProperty("timeline").EnumerateArray().ToList();
        bars.Select(b => b.GetProperty("key").GetString()).Should().BeEquivalentTo(report.Run.Stages.Where(s => s.SubmissionTime is not null).Select(s => s.Key));
        bars.Should().Contain(b => b.GetProperty("critical").GetBoolean());
        var curve = doc.RootElement.GetProperty("whatIf").EnumerateArray().ToList();
        curve.Should().ContainSingle(p => p.GetProperty("observed").GetBoolean());
        curve.Should().OnlyContain(p => p.GetProperty("lowMs").GetInt64() <= p.GetProperty("durationMs").GetInt64() && p.GetProperty("durationMs").GetInt64() <= p.GetProperty("highMs").GetInt64());
        doc.RootElement.GetProperty("cost").GetProperty("breakdown").GetArrayLength().Should().BeGreaterThan(1);
    }

    [Theory]
    [InlineData("/api/runs/nope")]
    [InlineData("/api/runs/nope/views")]
    [InlineData("/api/apps/nope")]
    [InlineData("/runs/nope")]
    [InlineData("/apps/nope")]
    [InlineData("/assets/nope.css")]
    public async Task Get_UnknownId_Returns404(string path)
    {
        using var response = await fx.Http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/runs/" + DashboardFixture.FindingsRun)]
    [InlineData("/apps/" + DashboardFixture.ShellApp)]
    public async Task Page_Any_IsHtmlThatFetchesNothingFromOtherHosts(string path)
    {
        using var response = await fx.Http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotMatchRegex("(src|href)=\"(https?:)?//(?!github\\.example)", "no CDN: only the app's own assets (and links to the PR)");
        html.Should().Contain("/assets/dashboard.css").And.Contain("/assets/dashboard.js");
    }

    [Theory]
    [InlineData("/assets/dashboard.css", "text/css")]
    [InlineData("/assets/dashboard.js", "text/javascript")]
    public async Task Asset_Embedded_IsServed(string path, string type)
    {
        using var response = await fx.Http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(type);
        (await response.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty();
    }

    private async Task<JsonDocument> Get(string path)
    {
        using var response = await fx.Http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
