using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SparkOptimizer.Dashboard.Html;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Endpoints;

/// <summary>The HTML pages: fleet at /, an app at /apps/{app}, a run at /runs/{id} (its summary when the catalog keeps no report).</summary>
public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapDashboardPages(this IEndpointRouteBuilder app, DashboardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var title = data.Options.Title;
        app.MapGet("/", () => Html(FleetPage.Render(data.Fleet(), title, data.Options.EmptyFleetText)));
        app.MapGet("/apps/{appKey}", (string appKey) =>
            data.App(RouteKey.Decode(appKey)) is { } view ? Html(AppPage.Render(view, title)) : NotFound($"No app '{RouteKey.Decode(appKey)}'.", title));
        app.MapGet("/runs/{runId}", (string runId) =>
        {
            runId = RouteKey.Decode(runId);
            if (data.Run(runId) is { } view)
            {
                var appKey = data.Catalog.Runs().FirstOrDefault(r => r.Id == runId)?.AppKey ?? string.Empty;
                return Html(RunPage.Render(view, appKey, title));
            }

            // Listed from its summary only: say why there is no more, rather than a bare 404.
            return data.SummaryOnly(runId) is { } summary ? Html(RunSummaryPage.Render(summary, title)) : NotFound($"No run '{runId}'.", title);
        });
        return app;
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static IResult NotFound(string message, string title) =>
        Results.Content(Layout.Page("Not found", title, $"<h1>Not found</h1><p>{H.E(message)}</p>"), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
