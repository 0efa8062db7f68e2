using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Tests.Html;

/// <summary>Pull-request URLs come from the run history and proposals: only http(s) ones become links.</summary>
public sealed class OutsideLinkTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);

    private static DashboardData Data(string url) => new(
        new AnnotatedCatalog(new SummaryCatalog([SummaryCatalog.Run("etl-1", "default/etl", Day, 3_600_000, 1.5m)]),
            new Dictionary<string, AppAnnotations> { ["default/etl"] = new(url, null, [new MergeMarker(Day, "change fp1 merged", url)]) }),
        new DashboardOptions());

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/x")]
    [InlineData("vbscript:msgbox(1)")]
    public void Pages_NonHttpPullRequestUrl_IsTextNotALink(string url)
    {
        var data = Data(url);

        var fleet = FleetPage.Render(data.Fleet(), "t");
        var app = AppPage.Render(data.App("default/etl")!, "t");

        foreach (var html in new[] { fleet, app })
        {
            html.Should().NotContainAny("href=\"javascript", "href=\"JaVaScRiPt", "href=\"data:text", "href=\"//evil", "href=\"vbscript");
            html.Should().NotContain("<script>alert");
        }
    }

    [Fact]
    public void Pages_HttpsPullRequestUrl_IsALink()
    {
        var data = Data("https://github.example/acme/gitops/pull/7");

        FleetPage.Render(data.Fleet(), "t").Should().Contain("href=\"https://github.example/acme/gitops/pull/7\"");
        AppPage.Render(data.App("default/etl")!, "t").Should().Contain("href=\"https://github.example/acme/gitops/pull/7\"");
    }
}
