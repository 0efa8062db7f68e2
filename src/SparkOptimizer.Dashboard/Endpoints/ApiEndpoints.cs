using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Endpoints;

/// <summary>
/// JSON behind each view: /api/fleet, /api/apps/{app}, /api/runs/{id} (the report in the JSON contract of
/// docs/json-report.md, from JsonReportWriter) and /api/runs/{id}/views (the chart data of the run page).
/// </summary>
public static class ApiEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app, DashboardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        app.MapGet("/api/fleet", () => Results.Json(data.Fleet(), Json));
        app.MapGet("/api/apps", () => Results.Json(data.Catalog.Runs(), Json));
        app.MapGet("/api/apps/{appKey}", (string appKey) => data.App(RouteKey.Decode(appKey)) is { } view ? Results.Json(view, Json) : Results.NotFound());
        app.MapGet("/api/runs/{runId}", (string runId) =>
            data.Catalog.Report(RouteKey.Decode(runId)) is { } report ? Results.Content(JsonReportWriter.ToJson(report), "application/json; charset=utf-8") : Results.NotFound());
        app.MapGet("/api/runs/{runId}/views", (string runId) => data.Run(RouteKey.Decode(runId)) is { } view ? Results.Json(Views(view), Json) : Results.NotFound());
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }

    private static object Views(RunView v) => new
    {
        v.RunId,
        v.Report.JobName,
        v.WallMs,
        v.Timeline,
        v.Distributions,
        v.Utilisation,
        v.Memory,
        v.WhatIf,
        v.WhatIfError,
        Cost = new
        {
            Amount = v.Cost.Cost?.Amount,
            Currency = v.Cost.Cost?.Currency,
            v.Cost.InstanceType,
            v.Cost.Method,
            v.Cost.ExecutorHours,
            v.Cost.CoreHours,
            v.Cost.Utilisation,
            Breakdown = v.CostBreakdown,
        },
    };
}
