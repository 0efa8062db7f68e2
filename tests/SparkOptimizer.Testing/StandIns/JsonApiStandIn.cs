using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Testing.StandIns;

/// <summary>
/// A vendor REST API stand-in on 127.0.0.1:0 (Databricks, Dataproc, YARN ResourceManager): GET requests whose path and
/// query match a recorded response get it (AWS JSON calls match by their X-Amz-Target); anything else is 404. With <see cref="RequiredBearer"/> set, other tokens get 401.
/// Every request's path and Authorization header are kept for assertions.
/// </summary>
public sealed class JsonApiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, string> _responses;

    private JsonApiStandIn(WebApplication app, IReadOnlyDictionary<string, string> responses)
    {
        _app = app;
        _responses = responses;
    }

    public Uri BaseUri { get; private set; } = null!;

    public string? RequiredBearer { get; set; }

    public ConcurrentQueue<(string PathAndQuery, string? Authorization)> Requests { get; } = new();

    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>Starts serving <paramref name="responses"/>: path and query (e.g. "/api/2.1/clusters/get?cluster_id=x") to a JSON body.</summary>
    public static async Task<JsonApiStandIn> StartAsync(IReadOnlyDictionary<string, string> responses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new JsonApiStandIn(app, responses);
        app.Run(standIn.Serve);
        await app.StartAsync();
        standIn.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Serve(HttpContext context)
    {
        // AWS JSON-protocol calls (EMR) are POSTs told apart by X-Amz-Target: recorded as "target:ElasticMapReduce.Action".
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var key = target.Length > 0 ? "target:" + target : context.Request.Path + context.Request.QueryString;
        using (var reader = new StreamReader(context.Request.Body))
        {
            Bodies.Enqueue(await reader.ReadToEndAsync());
        }

        var auth = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue((key, auth.Length == 0 ? null : auth));
        if (RequiredBearer is { } token && auth != "Bearer " + token)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("{\"error_code\":\"UNAUTHENTICATED\"}");
            return;
        }

        if (!(HttpMethods.IsGet(context.Request.Method) || target.Length > 0) || !_responses.TryGetValue(key, out var body))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\"}");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}
