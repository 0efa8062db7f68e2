using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Watching;

/// <summary>Where a watcher hands what it saw: the result of a (re-)list, then each watch event.</summary>
public interface IResourceEventSink<T>
    where T : IKubernetesObject<V1ObjectMeta>
{
    void OnList(string? ns, IReadOnlyList<T> items);

    void OnEvent(WatchEventType type, T item);
}
