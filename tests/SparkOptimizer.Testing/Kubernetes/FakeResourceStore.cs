using System.Globalization;
using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>
/// The fake API server's state: objects by kind/namespace/name, one resourceVersion counter for everything
/// (as etcd's revision), the event history that watches replay from, and the open watches.
/// Compaction drops history: a watch from an older resourceVersion then gets 410 Gone.
/// </summary>
public sealed class FakeResourceStore
{
    private readonly object gate = new();
    private readonly Dictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly List<HistoryEntry> history = [];
    private readonly List<WatchSubscription> watches = [];
    private readonly TimeProvider time;
    private long revision = 100;
    private long compactedRevision;

    public FakeResourceStore(TimeProvider time)
    {
        this.time = time;
    }

    /// <summary>Events kept for watches to replay; older ones are compacted (a watch from before them gets 410). Null: all.</summary>
    public int? HistoryLimit { get; set; }

    /// <summary>Raised after every change (under no lock), so tests can wait on a condition.</summary>
    public event Action? Changed;

    public long Revision
    {
        get
        {
            lock (gate)
            {
                return revision;
            }
        }
    }

    /// <summary>Forget the history up to now: watches from an older resourceVersion get 410 Gone.</summary>
    public void Compact()
    {
        lock (gate)
        {
            revision++;
            compactedRevision = revision;
            history.Clear();
        }
    }

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (gate)
        {
            return objects.TryGetValue(Key(type, ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    public (IReadOnlyList<JsonObject> Items, long Revision) List(ResourceType type, string? ns, Selector? selector = null)
    {
        lock (gate)
        {
            var prefix = ns is null ? Prefix(type) : Key(type, ns, "");
            var items = objects.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && (selector ?? Selector.Everything).Matches(kv.Value))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => (JsonObject)kv.Value.DeepClone())
                .ToList();
            return (items, revision);
        }
    }

    public StoreResult Create(ResourceType type, string? ns, JsonObject body)
    {
        StoreResult result;
        lock (gate)
        {
            var obj = (JsonObject)body.DeepClone();
            var meta = Metadata(obj);
            var name = meta["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name) && meta["generateName"]?.GetValue<string>() is { } prefix)
            {
                name = prefix + Guid.NewGuid().ToString("N")[..5];
                meta["name"] = name;
            }

            if (string.IsNullOrEmpty(name))
            {
                return StoreResult.Fail(422, "Invalid", "metadata.name: Required value");
            }

            var key = Key(type, ns, name);
            if (objects.ContainsKey(key))
            {
                return StoreResult.Fail(409, "AlreadyExists", $"{type.Plural}.{type.Group} \"{name}\" already exists", name, type);
            }

            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            if (type.Namespaced)
            {
                meta["namespace"] = ns;
            }

            meta["uid"] = Guid.NewGuid().ToString();
            meta["generation"] = 1L;
            meta["creationTimestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            result = Commit(type, ns, key, obj, "ADDED");
        }

        Changed?.Invoke();
        return result;
    }

    /// <summary>PUT: replaces the object; a stale metadata.resourceVersion is a 409 Conflict.</summary>
    public StoreResult Replace(ResourceType type, string? ns, string name, JsonObject body, bool statusOnly)
    {
        StoreResult result;
        lock (gate)
        {
            var key = Key(type, ns, name);
            if (!objects.TryGetValue(key, out var current))
            {
                return NotFound(type, name);
            }

            var expected = Metadata(body)["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(expected) && expected != Metadata(current)["resourceVersion"]?.GetValue<string>())
            {
                return Conflict(type, name);
            }

            result = Commit(type, ns, key, Merge(type, current, (JsonObject)body.DeepClone(), statusOnly), "MODIFIED");
        }

        Changed?.Invoke();
        return result;
    }

    /// <summary>PATCH with application/merge-patch+json; metadata.resourceVersion in the patch is a precondition.</summary>
    public StoreResult MergePatch(ResourceType type, string? ns, string name, JsonObject patch, bool statusOnly)
    {
        StoreResult result;
        lock (gate)
        {
            var key = Key(type, ns, name);
            if (!objects.TryGetValue(key, out var current))
            {
                return NotFound(type, name);
            }

            var expected = (patch["metadata"] as JsonObject)?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(expected) && expected != Metadata(current)["resourceVersion"]?.GetValue<string>())
            {
                return Conflict(type, name);
            }

            var patched = (JsonObject)JsonMergePatch.Apply(current, patch)!;
            result = Commit(type, ns, key, Merge(type, current, patched, statusOnly), "MODIFIED");
        }

        Changed?.Invoke();
        return result;
    }

    public StoreResult Delete(ResourceType type, string? ns, string name)
    {
        StoreResult result;
        lock (gate)
        {
            var key = Key(type, ns, name);
            if (!objects.Remove(key, out var current))
            {
                return NotFound(type, name);
            }

            revision++;
            var deleted = (JsonObject)current.DeepClone();
            Metadata(deleted)["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
            Publish(new HistoryEntry(revision, "DELETED", type, ns, deleted));
            result = StoreResult.Ok(200, deleted);
        }

        Changed?.Invoke();
        return result;
    }

    /// <summary>
    /// Opens a watch. From no resourceVersion (or "0") it starts with ADDED events for the current objects;
    /// from an older revision than the compacted one it answers 410 Gone.
    /// </summary>
    internal WatchSubscription? Watch(ResourceType type, string? ns, string? resourceVersion, out bool expired, Selector? selector = null)
    {
        lock (gate)
        {
            expired = false;
            var subscription = new WatchSubscription(type, ns, selector);
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var item in List(type, ns, selector).Items)
                {
                    subscription.Enqueue(WatchLine("ADDED", item));
                }
            }
            else
            {
                var from = long.Parse(resourceVersion, CultureInfo.InvariantCulture);
                if (from < compactedRevision)
                {
                    expired = true;
                    return null;
                }

                foreach (var entry in history.Where(h => h.Revision > from && subscription.Matches(h.Type, h.Namespace, h.Object)))
                {
                    subscription.Enqueue(WatchLine(entry.EventType, entry.Object));
                }
            }

            watches.Add(subscription);
            return subscription;
        }
    }

    internal void Unwatch(WatchSubscription subscription)
    {
        lock (gate)
        {
            watches.Remove(subscription);
        }
    }

    /// <summary>Sends a BOOKMARK carrying the current revision to every watch that asked for bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (gate)
        {
            foreach (var watch in watches.Where(w => w.Bookmarks))
            {
                var bookmark = new JsonObject
                {
                    ["kind"] = watch.Type.Kind,
                    ["apiVersion"] = watch.Type.ApiVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
                };
                watch.Enqueue(WatchLine("BOOKMARK", bookmark));
            }
        }
    }

    internal void CloseAllWatches()
    {
        lock (gate)
        {
            foreach (var watch in watches)
            {
                watch.Complete();
            }

            watches.Clear();
        }
    }

    internal int OpenWatchCount(ResourceType? type = null)
    {
        lock (gate)
        {
            return watches.Count(w => type is null || w.Type == type);
        }
    }

    internal static string WatchLine(string eventType, JsonObject obj) =>
        new JsonObject { ["type"] = eventType, ["object"] = obj.DeepClone() }.ToJsonString();

    private StoreResult Commit(ResourceType type, string? ns, string key, JsonObject obj, string eventType)
    {
        revision++;
        Metadata(obj)["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
        objects[key] = obj;
        Publish(new HistoryEntry(revision, eventType, type, ns, (JsonObject)obj.DeepClone()));
        return StoreResult.Ok(eventType == "ADDED" ? 201 : 200, (JsonObject)obj.DeepClone());
    }

    private void Publish(HistoryEntry entry)
    {
        history.Add(entry);
        if (HistoryLimit is { } limit && history.Count > limit)
        {
            var drop = history.Count - limit;
            compactedRevision = history[drop].Revision - 1;
            history.RemoveRange(0, drop);
        }

        var line = WatchLine(entry.EventType, entry.Object);
        foreach (var watch in watches.Where(w => w.Matches(entry.Type, entry.Namespace, entry.Object)))
        {
            watch.Enqueue(line);
        }
    }

    /// <summary>
    /// What a write may change: through /status only the status; through the main resource everything but the
    /// status (when the kind has a status subresource). The generation moves only when the spec changed.
    /// </summary>
    private static JsonObject Merge(ResourceType type, JsonObject current, JsonObject incoming, bool statusOnly)
    {
        JsonObject result;
        if (statusOnly)
        {
            result = (JsonObject)current.DeepClone();
            result["status"] = incoming["status"]?.DeepClone();
        }
        else
        {
            result = incoming;
            if (type.HasStatus)
            {
                result["status"] = current["status"]?.DeepClone();
            }

            // server-owned metadata survives a client write
            var meta = Metadata(result);
            var old = Metadata(current);
            foreach (var field in new[] { "uid", "creationTimestamp", "generation", "namespace", "name" })
            {
                meta[field] = old[field]?.DeepClone();
            }
        }

        if (result["status"] is null)
        {
            result.Remove("status");
        }

        if (SpecOf(current) != SpecOf(result))
        {
            var meta = Metadata(result);
            meta["generation"] = (Metadata(current)["generation"]?.GetValue<long>() ?? 0) + 1;
        }

        return result;
    }

    private static string SpecOf(JsonObject obj) =>
        new JsonObject(obj.Where(kv => kv.Key is not ("metadata" or "status" or "apiVersion" or "kind"))
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))).ToJsonString();

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            obj["metadata"] = meta;
        }

        return meta;
    }

    private static string Prefix(ResourceType type) => $"{type.Group}/{type.Plural}/";

    private static string Key(ResourceType type, string? ns, string name) => $"{Prefix(type)}{ns ?? ""}/{name}";

    private static StoreResult NotFound(ResourceType type, string name) =>
        StoreResult.Fail(404, "NotFound", $"{type.Plural}.{type.Group} \"{name}\" not found", name, type);

    private static StoreResult Conflict(ResourceType type, string name) =>
        StoreResult.Fail(409, "Conflict",
            $"Operation cannot be fulfilled on {type.Plural}.{type.Group} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            name, type);

    private sealed record HistoryEntry(long Revision, string EventType, ResourceType Type, string? Namespace, JsonObject Object);
}
