using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Dashboard.Endpoints;
using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.Mcp.Hosting;

namespace SparkOptimizer.Dashboard;

/// <summary>Hosts the read-only dashboard over a catalog: GET pages, JSON API and embedded assets on Kestrel (and, if asked, the MCP tools).</summary>
public static class DashboardServer
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Create(IRunCatalog catalog, DashboardOptions? options = null, params string[] urls)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var listen = urls.Length == 0 ? [DefaultUrl] : urls;
        builder.WebHost.UseUrls(listen);
        options ??= new DashboardOptions();
        if (options.McpAccess is { } access)
        {
            builder.Services.AddSparkOptimizerMcpHttp(_ => access, _ => options.McpHistory);
        }

        var app = builder.Build();
        var data = new DashboardData(catalog, options);
        app.UseDashboardSecurityHeaders();
        if (options.McpAccess is not null)
        {
            app.UseMcpOriginPolicy(new McpOriginPolicy(listen, options.McpAllowedHosts));
        }

        app.MapDashboardAssets();
        app.MapDashboardApi(data);
        app.MapDashboardPages(data);
        if (options.McpAccess is not null)
        {
            app.MapSparkOptimizerMcp();
        }

        return app;
    }

    /// <summary>The addresses Kestrel bound (useful with port 0).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }
}
