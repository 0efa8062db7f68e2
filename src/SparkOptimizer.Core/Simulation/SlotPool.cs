namespace SparkOptimizer.Simulation;

/// <summary>
/// Task slots as a min-heap of the times they fall free. Each slot belongs to an executor with a life span; a slot whose
/// executor has gone is dropped, except the last one (the replay never strands a task).
/// </summary>
internal sealed class SlotPool
{
    private readonly PriorityQueue<int, long> _free = new();
    private readonly List<int> _executorOf = [];
    private readonly List<long> _removedAt = [];
    private readonly List<bool> _lost = [];
    private readonly List<ExecutorSpan> _executors = [];

    public IReadOnlyList<ExecutorSpan> Executors => _executors;

    /// <summary>First task start and last task end per executor (long.MaxValue / long.MinValue when it ran none).</summary>
    public long[] FirstStart { get; private set; } = [];

    public long[] LastEnd { get; private set; } = [];

    public double BusyMs { get; private set; }

    public int SlotCount => _executorOf.Count;

    public void AddExecutor(ExecutorSpan span, int slots)
    {
        var executor = _executors.Count;
        _executors.Add(span);
        for (var i = 0; i < slots; i++)
        {
            _free.Enqueue(_executorOf.Count, span.AddedMs);
            _executorOf.Add(executor);
            _removedAt.Add(span.RemovedMs);
            _lost.Add(span.Lost);
        }
    }

    public void Seal()
    {
        FirstStart = Enumerable.Repeat(long.MaxValue, _executors.Count).ToArray();
        LastEnd = Enumerable.Repeat(long.MinValue, _executors.Count).ToArray();
    }

    /// <summary>Runs one task of <paramref name="durationMs"/> that may start at <paramref name="ready"/>; returns its end.</summary>
    public long Run(long ready, long durationMs, out long start)
    {
        while (true)
        {
            _free.TryDequeue(out var slot, out var free);
            start = Math.Max(free, ready);
            if (start >= _removedAt[slot] && _free.Count > 0)
            {
                continue;
            }

            var end = start + durationMs;
            if (_lost[slot] && end > _removedAt[slot] && _free.Count > 0)
            {
                // The executor dies under the task: the attempt's time is lost and the task is retried once it is noticed.
                BusyMs += _removedAt[slot] - start;
                ready = Math.Max(ready, _removedAt[slot]);
                continue;
            }

            _free.Enqueue(slot, end);
            var executor = _executorOf[slot];
            if (start < FirstStart[executor])
            {
                FirstStart[executor] = start;
            }

            if (end > LastEnd[executor])
            {
                LastEnd[executor] = end;
            }

            BusyMs += durationMs;
            return end;
        }
    }
}
