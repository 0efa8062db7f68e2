using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Mcp.RunHistory;

namespace SparkOptimizer.Mcp.Hosting;

/// <summary>
/// The tools over Streamable HTTP at <see cref="Path"/>, for `serve` and the operator. Stateless: every request stands
/// alone, so any replica behind a Service can answer it and nothing is kept per client.
/// </summary>
public static class McpHttpEndpoint
{
    public const string Path = "/mcp";

    /// <summary>
    /// Registers the tools for HTTP; <paramref name="access"/> confines what a remote caller may make the server read, and
    /// <paramref name="history"/> is the run history `history` may read a cohort from (null: none).
    /// </summary>
    public static IServiceCollection AddSparkOptimizerMcpHttp(
        this IServiceCollection services, Func<IServiceProvider, ILogAccessPolicy> access, Func<IServiceProvider, RunHistoryReader?>? history = null)
    {
        services.AddSparkOptimizerMcp(access, history).WithHttpTransport(o => o.Stateless = true);
        return services;
    }

    public static IEndpointConventionBuilder MapSparkOptimizerMcp(this IEndpointRouteBuilder endpoints) => endpoints.MapMcp(Path);

    /// <summary>Answers 403 to a request for <see cref="Path"/> whose Host or Origin <paramref name="policy"/> refuses; add before the endpoints.</summary>
    public static IApplicationBuilder UseMcpOriginPolicy(this IApplicationBuilder app, McpOriginPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
                && !policy.Allows(context.Request.Headers.Host.ToString(), context.Request.Headers.Origin.ToString(), out var reason))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync(reason + "\n", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }
}
