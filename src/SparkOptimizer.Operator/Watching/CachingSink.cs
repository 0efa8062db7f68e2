using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Watching;

/// <summary>Keeps the cache up to date and queues the object's key for its controller.</summary>
public sealed class CachingSink<T>(ResourceCache<T> cache, WorkQueue queue, string controller) : IResourceEventSink<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    public void OnList(string? ns, IReadOnlyList<T> items)
    {
        cache.Replace(ns, items);
        foreach (var item in items)
        {
            queue.Enqueue(new WorkKey(controller, item.Metadata.NamespaceProperty ?? "", item.Metadata.Name));
        }
    }

    public void OnEvent(WatchEventType type, T item)
    {
        if (type == WatchEventType.Deleted)
        {
            cache.Remove(item);
            return;
        }

        cache.Upsert(item);
        queue.Enqueue(new WorkKey(controller, item.Metadata.NamespaceProperty ?? "", item.Metadata.Name));
    }
}
