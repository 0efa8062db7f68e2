using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>Keeps the K tasks with the largest key seen so far.</summary>
internal sealed class TopTasks(int capacity, Func<TaskSample, long> key)
{
    private readonly List<TaskSample> _items = new(capacity);

    public void Offer(TaskSample sample)
    {
        var k = key(sample);
        if (k <= 0)
        {
            return;
        }

        if (_items.Count < capacity)
        {
            _items.Add(sample);
            return;
        }

        var minIndex = 0;
        for (var i = 1; i < _items.Count; i++)
        {
            if (key(_items[i]) < key(_items[minIndex]))
            {
                minIndex = i;
            }
        }

        if (k > key(_items[minIndex]))
        {
            _items[minIndex] = sample;
        }
    }

    public IReadOnlyList<TaskSample> Descending() => _items.OrderByDescending(key).ThenBy(t => t.TaskId).ToArray();
}
