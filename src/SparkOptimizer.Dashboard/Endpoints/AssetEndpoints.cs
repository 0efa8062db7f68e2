using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SparkOptimizer.Dashboard.Endpoints;

/// <summary>The stylesheet and script, embedded in the assembly at build time and served from memory.</summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapDashboardAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{name}", (string name) =>
        {
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => null,
            };
            var bytes = type is null ? null : Read(name);
            return bytes is null ? Results.NotFound() : Results.Bytes(bytes, type);
        });
        return app;
    }

    internal static byte[]? Read(string name)
    {
        using var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream("assets/" + name);
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
