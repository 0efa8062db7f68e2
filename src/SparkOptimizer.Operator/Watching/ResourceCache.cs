using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Watching;

/// <summary>The latest copy of each watched object (an informer's store), keyed by namespace/name.</summary>
public sealed class ResourceCache<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), T> items = new();

    public int Count => items.Count;

    public T? Get(string ns, string name) => items.TryGetValue((ns, name), out var item) ? item : default;

    public IReadOnlyList<T> All(string ns) => items.Where(kv => kv.Key.Namespace == ns).Select(kv => kv.Value).ToList();

    public void Upsert(T item) => items[(item.Metadata.NamespaceProperty ?? "", item.Metadata.Name)] = item;

    public void Remove(T item) => items.TryRemove((item.Metadata.NamespaceProperty ?? "", item.Metadata.Name), out _);

    /// <summary>Replaces the content after a (re-)list of <paramref name="ns"/> (null: all namespaces); returns the keys that vanished.</summary>
    public IReadOnlyList<(string Namespace, string Name)> Replace(string? ns, IEnumerable<T> listed)
    {
        var fresh = listed.ToDictionary(i => (i.Metadata.NamespaceProperty ?? "", i.Metadata.Name));
        var gone = items.Keys.Where(k => (ns is null || k.Namespace == ns) && !fresh.ContainsKey(k)).ToList();
        foreach (var key in gone)
        {
            items.TryRemove(key, out _);
        }

        foreach (var (key, value) in fresh)
        {
            items[key] = value;
        }

        return gone;
    }
}
