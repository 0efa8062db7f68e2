using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Operator.Watching;

/// <summary>
/// List-then-watch for one kind in one namespace (or all): lists, hands every item over, then watches from the
/// list's resourceVersion with bookmarks; resumes from the last seen resourceVersion when the stream ends, re-lists
/// on 410 Gone, and backs off <c>2^min(n,5)</c> units plus jitter on errors. When the kind's CRD is not installed
/// (404 on list) it says so once and keeps checking at a slow pace. Optionally skips MODIFIED events whose
/// metadata.generation did not change, so status writes never trigger a reconcile.
/// </summary>
public sealed class ResourceWatcher<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes client;
    private readonly WatchedResource resource;
    private readonly string? ns;
    private readonly IResourceEventSink<T> sink;
    private readonly WatcherSettings settings;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Dictionary<(string, string), long?> generations = [];

    public ResourceWatcher(IKubernetes client, WatchedResource resource, string? ns, IResourceEventSink<T> sink, WatcherSettings settings, TimeProvider time, ILogger logger)
    {
        this.client = client;
        this.resource = resource;
        this.ns = ns;
        this.sink = sink;
        this.settings = settings;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>True once the first list succeeded (or the CRD is known to be missing).</summary>
    public bool Synced { get; private set; }

    public bool CrdMissing { get; private set; }

    public string Scope => ns ?? "(all namespaces)";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken);
                var (lastVersion, events, expired) = await WatchAsync(resourceVersion, cancellationToken);
                resourceVersion = expired ? null : lastVersion;
                if (expired)
                {
                    logger.LogInformation("Watch of {Resource} in {Scope} expired (410 Gone); re-listing", resource, Scope);
                    continue;
                }

                // The stream ended (timeout, dropped connection): resume at once, unless it keeps ending empty.
                failures = events > 0 ? 0 : failures + 1;
                if (failures > 1)
                {
                    await Task.Delay(settings.Backoff.Delay(failures - 1), time, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && resourceVersion is not null)
            {
                // the kind vanished while watching (CRD uninstalled): list again, which tells
                resourceVersion = null;
                await Task.Delay(settings.Backoff.Delay(1), time, cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                if (!CrdMissing && settings.CrdReport.Missing(resource.ToString()))
                {
                    logger.LogWarning("{Resource} is not served by the API server (CRD not installed?); running without it and checking again every {Retry}", resource, settings.MissingCrdRetry);
                }

                CrdMissing = true;
                Synced = true;
                await Task.Delay(settings.MissingCrdRetry, time, cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                resourceVersion = null;
            }
            catch (Exception e)
            {
                failures++;
                var delay = RetryAfter.AtLeast(settings.Backoff.Delay(failures), e);
                logger.LogWarning(e, "Watching {Resource} in {Scope} failed ({Failures} in a row); retrying in {Delay}", resource, Scope, failures, delay);
                try
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<string?> ListAsync(CancellationToken cancellationToken)
    {
        // untyped, so that one object the entity cannot read is skipped instead of failing the whole list
        var raw = ns is null
            ? await client.CustomObjects.ListClusterCustomObjectAsync(resource.Group, resource.Version, resource.Plural, cancellationToken: cancellationToken)
            : await client.CustomObjects.ListNamespacedCustomObjectAsync(resource.Group, resource.Version, ns, resource.Plural, cancellationToken: cancellationToken);
        var list = (JsonElement)raw;
        if (CrdMissing)
        {
            if (settings.CrdReport.Served(resource.ToString()))
            {
                logger.LogInformation("{Resource} is now served; watching it", resource);
            }

            CrdMissing = false;
        }

        var items = new List<T>();
        if (list.TryGetProperty("items", out var elements) && elements.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in elements.EnumerateArray())
            {
                if (Read(element) is { } item)
                {
                    items.Add(item);
                }
            }
        }

        lock (generations)
        {
            generations.Clear();
            foreach (var item in items)
            {
                generations[Key(item)] = item.Metadata.Generation;
            }
        }

        sink.OnList(ns, items);
        Synced = true;
        return list.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("resourceVersion", out var version) ? version.GetString() : null;
    }

    private async Task<(string? ResourceVersion, int Events, bool Expired)> WatchAsync(string? resourceVersion, CancellationToken cancellationToken)
    {
        var expired = false;
        var events = 0;
        void OnError(Exception e)
        {
            if (e is KubernetesException { Status.Code: 410 })
            {
                expired = true;
            }
            else
            {
                logger.LogWarning(e, "Watch of {Resource} in {Scope} reported an error", resource, Scope);
            }
        }

        var stream = ns is null
            ? client.CustomObjects.WatchListClusterCustomObjectAsync(
                resource.Group, resource.Version, resource.Plural, allowWatchBookmarks: true, resourceVersion: resourceVersion,
                timeoutSeconds: settings.WatchTimeoutSeconds, onError: OnError, cancellationToken: cancellationToken)
            : client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                resource.Group, resource.Version, ns, resource.Plural, allowWatchBookmarks: true, resourceVersion: resourceVersion,
                timeoutSeconds: settings.WatchTimeoutSeconds, onError: OnError, cancellationToken: cancellationToken);

        await foreach (var (type, raw) in stream)
        {
            // the custom-object watch yields JSON elements; read them as the typed entity
            var item = raw is JsonElement json ? Read(json) : default;
            events++;
            resourceVersion = item?.Metadata?.ResourceVersion ?? resourceVersion;
            if (item is null || type is WatchEventType.Bookmark or WatchEventType.Error)
            {
                continue;
            }

            if (type == WatchEventType.Modified && settings.SkipUnchangedGeneration && !GenerationChanged(item))
            {
                continue;
            }

            lock (generations)
            {
                if (type == WatchEventType.Deleted)
                {
                    generations.Remove(Key(item));
                }
                else
                {
                    generations[Key(item)] = item.Metadata.Generation;
                }
            }

            sink.OnEvent(type, item);
        }

        return (resourceVersion, events, expired);
    }

    /// <summary>Reads one object; one that does not fit the entity is logged and skipped, never retried forever.</summary>
    private T? Read(JsonElement element)
    {
        try
        {
            return KubernetesJson.Deserialize<T>(element.GetRawText());
        }
        catch (JsonException e)
        {
            var name = element.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("name", out var n) ? n.GetString() : "?";
            logger.LogWarning(e, "Skipping {Resource} {Name}: it does not match the expected schema", resource, name);
            return default;
        }
    }

    private bool GenerationChanged(T item)
    {
        lock (generations)
        {
            return !generations.TryGetValue(Key(item), out var seen) || seen != item.Metadata.Generation;
        }
    }

    private static (string, string) Key(T item) => (item.Metadata.NamespaceProperty ?? "", item.Metadata.Name);
}
