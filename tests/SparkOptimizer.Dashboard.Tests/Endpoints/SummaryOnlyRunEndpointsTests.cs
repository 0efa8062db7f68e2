using System.Net;
using SparkOptimizer.Dashboard.Html;

namespace SparkOptimizer.Dashboard.Tests.Endpoints;

/// <summary>Runs known by their summary only, under an app key with a '/' (the operator's "namespace/cohort"), served over HTTP.</summary>
public sealed class SummaryOnlyRunEndpointsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _http = new();
    private Microsoft.AspNetCore.Builder.WebApplication? _app;

    public async Task InitializeAsync()
    {
        var catalog = new SummaryCatalog(
        [
            SummaryCatalog.Run("default/etl:spark-1", "default/etl", Day, 3_600_000, 1.50m),
            SummaryCatalog.Run("default/etl:spark-2", "default/etl", Day.AddDays(1), 1_800_000, 2.50m),
        ]);
        _app = DashboardServer.Create(catalog, null, "http://127.0.0.1:0");
        await _app.StartAsync();
        _http.BaseAddress = new Uri(DashboardServer.Addresses(_app).Single());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunPage_SummaryOnlyRun_Is200AndSaysTheReportIsNotKept()
    {
        var response = await _http.GetAsync(new Uri("/runs/default%2Fetl%3Aspark-2", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(WebUtility.HtmlEncode(RunSummaryPage.NotKept)).And.Contain("$2.50");
        (await _http.GetAsync(new Uri("/runs/default%2Fetl%3Aspark-9", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _http.GetAsync(new Uri("/api/runs/default%2Fetl%3Aspark-2", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound, "there is no report to return");
    }

    [Fact]
    public async Task FleetAndApp_AppKeyWithASlash_LinkAndResolve()
    {
        var fleet = await _http.GetStringAsync(new Uri("/", UriKind.Relative));
        fleet.Should().Contain("href=\"/apps/default%2Fetl\"");

        var app = await _http.GetAsync(new Uri("/apps/default%2Fetl", UriKind.Relative));
        app.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Content.ReadAsStringAsync()).Should().Contain("href=\"/runs/default%2Fetl%3Aspark-1\"");
        (await _http.GetStringAsync(new Uri("/api/apps/default%2Fetl", UriKind.Relative))).Should().Contain("\"runs\"");
    }
}
