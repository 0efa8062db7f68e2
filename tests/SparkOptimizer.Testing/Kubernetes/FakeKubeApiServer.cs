using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>
/// A Kubernetes API server for tests: Kestrel on 127.0.0.1:0 speaking the REST protocol that KubernetesClient uses
/// (list, get, create, replace, merge patch, the /status subresource, delete, and watch streams of newline-delimited
/// JSON events with bookmarks and 410 Gone). Any group/version/plural can be served once registered, which is how a
/// test "installs" a CRD; a kind that is not registered answers 404, as when its CRD is missing.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<(string Group, string Version, string Plural), ResourceType> types = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ITimer? bookmarkTimer;

    private FakeKubeApiServer(WebApplication app, TimeProvider time, TimeSpan? bookmarkInterval)
    {
        this.app = app;
        Store = new FakeResourceStore(time);
        Faults.WatchesDropped += Store.CloseAllWatches;
        foreach (var type in new[] { ResourceType.Events, ResourceType.Leases, ResourceType.Pods, ResourceType.ConfigMaps, ResourceType.Jobs })
        {
            Install(type);
        }

        if (bookmarkInterval is { } interval)
        {
            bookmarkTimer = time.CreateTimer(_ => Store.SendBookmarks(), null, interval, interval);
        }
    }

    public FakeResourceStore Store { get; }

    public FaultInjector Faults { get; } = new();

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>Starts a server; <paramref name="bookmarkInterval"/> sends BOOKMARK events periodically when set.</summary>
    public static async Task<FakeKubeApiServer> StartAsync(TimeProvider? time = null, TimeSpan? bookmarkInterval = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        var server = new FakeKubeApiServer(web, time ?? TimeProvider.System, bookmarkInterval);
        web.Run(server.HandleAsync);
        await web.StartAsync();
        server.BaseUri = new Uri(web.Urls.First());
        return server;
    }

    /// <summary>Serves a kind (installs its CRD).</summary>
    public void Install(ResourceType type) => types[(type.Group, type.Version, type.Plural)] = type;

    /// <summary>Stops serving a kind (uninstalls its CRD); its objects stay in the store.</summary>
    public void Uninstall(ResourceType type) => types.TryRemove((type.Group, type.Version, type.Plural), out _);

    public int OpenWatches(ResourceType? type = null) => Store.OpenWatchCount(type);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after every change and request.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string because = "")
    {
        using var cts = new CancellationTokenSource(timeout);
        var signal = new SemaphoreSlim(0);
        void Pulse() => signal.Release();
        Store.Changed += Pulse;
        RequestAnswered += Pulse;
        try
        {
            while (!condition())
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(250), cts.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"Condition not met within {timeout}: {because}\nRequests:\n{string.Join("\n", Requests.Take(15).Concat(Requests.TakeLast(25)))}");
                }
            }
        }
        finally
        {
            Store.Changed -= Pulse;
            RequestAnswered -= Pulse;
        }
    }

    public event Action? RequestAnswered;

    public async ValueTask DisposeAsync()
    {
        bookmarkTimer?.Dispose();
        Store.CloseAllWatches();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }

        var path = ApiPath.Parse(request.Path.Value ?? "");
        var isWatch = string.Equals(request.Query["watch"], "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(request.Query["watch"], "1", StringComparison.Ordinal);
        int status;
        try
        {
            var fault = Faults.Take(new FaultRequest(request.Method, request.Path.Value ?? "", path?.Subresource, isWatch, path?.Plural));
            if (fault is { Status: FaultInjector.DropConnection })
            {
                Record(request, body, FaultInjector.DropConnection);
                context.Abort();
                return;
            }

            if (fault is { } f)
            {
                if (f.RetryAfter is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                status = await WriteAsync(context, f.Status, StoreResult.Status(f.Status, ReasonFor(f.Status), "injected fault"));
            }
            else if (path is { Plural: "pods", Subresource: "log", Name: { } pod } && request.Method == "GET")
            {
                // GET /api/v1/namespaces/{ns}/pods/{name}/log: plain text, or 404 when the pod is gone.
                if (PodLogs.TryGetValue($"{path.Namespace}/{pod}", out var text))
                {
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync(LogTail(text, request.Query["tailLines"], request.Query["limitBytes"]));
                    status = 200;
                }
                else
                {
                    status = await WriteAsync(context, 404, StoreResult.Status(404, "NotFound", $"pods \"{pod}\" not found"));
                }
            }
            else if (path is null || !types.TryGetValue((path.Group, path.Version, path.Plural), out var type))
            {
                status = await WriteAsync(context, 404, StoreResult.Status(404, "NotFound", "the server could not find the requested resource"));
            }
            else if (isWatch && request.Method == "GET")
            {
                status = 200;
                Record(request, body, status);
                await WatchAsync(context, type, path.Namespace);
                return;
            }
            else
            {
                status = await DispatchAsync(context, type, path, body);
            }
        }
        catch (JsonException e)
        {
            status = await WriteAsync(context, 400, StoreResult.Status(400, "BadRequest", e.Message));
        }

        Record(request, body, status);
    }

    /// <summary>A pod log as the kubelet serves it: the last <c>tailLines</c> lines, then at most <c>limitBytes</c> bytes of them.</summary>
    private static string LogTail(string log, string? tailLines, string? limitBytes)
    {
        if (int.TryParse(tailLines, NumberStyles.None, CultureInfo.InvariantCulture, out var lines))
        {
            var at = log.Length - (log.EndsWith('\n') ? 1 : 0);
            for (var i = 0; i < lines && at > 0; i++)
            {
                at = log.LastIndexOf('\n', at - 1);
            }

            log = at < 0 ? log : log[(at + 1)..];
        }

        if (long.TryParse(limitBytes, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && Encoding.UTF8.GetByteCount(log) > bytes)
        {
            log = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(log), 0, (int)bytes);
        }

        return log;
    }

    /// <summary>Pod logs served on GET .../pods/{name}/log, keyed "namespace/pod".</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> PodLogs { get; } = new(StringComparer.Ordinal);

    private async Task<int> DispatchAsync(HttpContext context, ResourceType type, ApiPath path, string? body)
    {
        var method = context.Request.Method;
        var statusOnly = path.Subresource == "status";
        if (path.Name is null)
        {
            switch (method)
            {
                case "GET":
                    var (items, revision) = Store.List(type, path.Namespace, SelectorOf(context.Request));
                    var list = new JsonObject
                    {
                        ["kind"] = type.Kind + "List",
                        ["apiVersion"] = type.ApiVersion,
                        ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
                        ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
                    };
                    return await WriteAsync(context, 200, list);
                case "POST":
                    return await WriteAsync(context, Store.Create(type, path.Namespace, ParseObject(body)));
            }
        }
        else
        {
            switch (method)
            {
                case "GET":
                    var obj = Store.Get(type, path.Namespace, path.Name);
                    return obj is null
                        ? await WriteAsync(context, 404, StoreResult.Status(404, "NotFound", $"{type.Plural}.{type.Group} \"{path.Name}\" not found", path.Name, type))
                        : await WriteAsync(context, 200, obj);
                case "PUT":
                    return await WriteAsync(context, Store.Replace(type, path.Namespace, path.Name, ParseObject(body), statusOnly));
                case "PATCH":
                    var contentType = context.Request.ContentType ?? "";
                    if (!contentType.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase)
                        && !contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.OrdinalIgnoreCase))
                    {
                        return await WriteAsync(context, 415, StoreResult.Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format: {contentType}"));
                    }

                    return await WriteAsync(context, Store.MergePatch(type, path.Namespace, path.Name, ParseObject(body), statusOnly));
                case "DELETE":
                    return await WriteAsync(context, Store.Delete(type, path.Namespace, path.Name));
            }
        }

        return await WriteAsync(context, 405, StoreResult.Status(405, "MethodNotAllowed", $"{method} is not supported"));
    }

    private async Task WatchAsync(HttpContext context, ResourceType type, string? ns)
    {
        var query = context.Request.Query;
        var subscription = Store.Watch(type, ns, query["resourceVersion"], out var expired, SelectorOf(context.Request));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        if (expired || subscription is null)
        {
            var gone = StoreResult.Status(410, "Expired", $"too old resource version: {query["resourceVersion"]} ({Store.Revision})");
            await WriteLineAsync(context, FakeResourceStore.WatchLine("ERROR", gone));
            return;
        }

        subscription.Bookmarks = string.Equals(query["allowWatchBookmarks"], "true", StringComparison.OrdinalIgnoreCase);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        try
        {
            await foreach (var line in subscription.Lines.ReadAllAsync(timeout.Token))
            {
                await WriteLineAsync(context, line);
            }
        }
        catch (OperationCanceledException)
        {
            // client went away or timeoutSeconds elapsed: end the stream
        }
        catch (IOException)
        {
            // connection reset by the client
        }
        finally
        {
            Store.Unwatch(subscription);
        }
    }

    private static async Task WriteLineAsync(HttpContext context, string line)
    {
        // one event per line, flushed, as the real server writes them (chunked)
        await context.Response.WriteAsync(line + "\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static Task<int> WriteAsync(HttpContext context, StoreResult result) => WriteAsync(context, result.Code, result.Body);

    private static async Task<int> WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
        return status;
    }

    private void Record(HttpRequest request, string? body, int status)
    {
        requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", request.ContentType, body, status));
        RequestAnswered?.Invoke();
    }

    private static Selector SelectorOf(HttpRequest request) => Selector.Parse(request.Query["labelSelector"], request.Query["fieldSelector"]);

    private static JsonObject ParseObject(string? body) =>
        JsonNode.Parse(body ?? "{}") as JsonObject ?? throw new JsonException("the request body is not a JSON object");

    private static string ReasonFor(int status) => status switch
    {
        409 => "Conflict",
        410 => "Expired",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        _ => "Unknown",
    };
}
