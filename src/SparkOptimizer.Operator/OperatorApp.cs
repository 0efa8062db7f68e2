using System.Text;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Health;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Mcp;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator;

/// <summary>The operator's web host: the runtime as a hosted service, plus /metrics, /healthz, /readyz, the dashboard and /mcp.</summary>
public static class OperatorApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection(OperatorOptions.Section).Get<OperatorOptions>() ?? new OperatorOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new OperatorMetrics());
        builder.Services.AddSingleton<IKubernetes>(_ => KubernetesClientFactory.Create(options));
        builder.Services.AddEngine(builder.Configuration);
        builder.Services.AddSingleton(sp => new OperatorRuntime(
            sp.GetRequiredService<IKubernetes>(), options, sp.GetRequiredService<IRunProcessor>(), sp.GetRequiredService<OperatorMetrics>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService<OperatorHostedService>();
        builder.Services.AddHealthChecks().AddCheck<OperatorReadinessCheck>("operator", tags: ["ready"]);
        builder.Services.AddOperatorMcp(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGet("/metrics", async (OperatorMetrics metrics, HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4";
            await context.Response.WriteAsync(await metrics.ExportAsync(context.RequestAborted), Encoding.UTF8, context.RequestAborted);
        });
        // The read-only dashboard over the runs this operator analysed, on the same port as /metrics.
        var catalog = app.Services.GetService<OperatorRunCatalog>();
        if (catalog is not null)
        {
            // Priced as the engine prices (the fleet's default instance type where a log names none), so stored and in-memory runs agree.
            var engine = app.Services.GetService<EngineOptions>();
            var data = new SparkOptimizer.Dashboard.Views.DashboardData(catalog, new SparkOptimizer.Dashboard.DashboardOptions
            {
                Cost = new SparkOptimizer.Pricing.CostOptions { FallbackInstanceType = engine?.DefaultInstanceType, Platform = SparkOptimizer.Model.Platform.Kubernetes },
                EmptyFleetText = "No runs yet: annotate a SparkApplication or ScheduledSparkApplication with sparkoptimizer.io/enabled: \"true\"; its runs appear here when they finish.",
            });
            SparkOptimizer.Dashboard.Endpoints.AssetEndpoints.MapDashboardAssets(app);
            SparkOptimizer.Dashboard.Endpoints.ApiEndpoints.MapDashboardApi(app, data);
            SparkOptimizer.Dashboard.Endpoints.PageEndpoints.MapDashboardPages(app, data);
        }

        app.MapOperatorMcp();

        return app;
    }

    /// <summary>Builds the services that read settings (the Kubernetes client, the engine, the run history), so that a wrong one fails here.</summary>
    public static void ResolveStartupServices(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<OperatorRuntime>();
    }
}
