namespace SparkOptimizer.Simulation;

/// <summary>
/// Task slots as a min-heap of the times they fall free. Each slot belongs to an executor with a life span; a slot whose
/// executor has gone is dropped, except the last one (the replay never strands a task). At most <c>budget</c> slots are
/// made (the tasks the replay can run at once): executors past it cannot get a task, and are kept as one weighted
/// group that is paid for but holds no slot, so memory follows the work replayed, not the executor count asked for.
/// </summary>
internal sealed class SlotPool(long budget = long.MaxValue)
{
    private readonly List<long> _weights = [];
    private readonly List<long> _ordinals = [];
    private long _executorCount;
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

    /// <summary>The slots the executors have, made or not (what the configuration offers).</summary>
    public long OfferedSlots { get; private set; }

    /// <summary>How many executors entry <paramref name="e"/> of <see cref="Executors"/> stands for.</summary>
    public long Weight(int e) => _weights[e];

    /// <summary>The position of the first executor entry <paramref name="e"/> stands for, in the order they were added.</summary>
    public long Ordinal(int e) => _ordinals[e];

    /// <summary>Adds <paramref name="count"/> executors alike; those past the slot budget become one slotless group.</summary>
    public void AddExecutors(ExecutorSpan span, int slots, long count)
    {
        OfferedSlots += slots * Math.Max(0, count);
        for (; count > 0 && _executorOf.Count < budget; count--)
        {
            Add(span, (int)Math.Min(slots, budget - _executorOf.Count), 1);
        }

        if (count > 0)
        {
            Add(span, 0, count);
        }
    }

    public void AddExecutor(ExecutorSpan span, int slots)
    {
        OfferedSlots += slots;
        Add(span, (int)Math.Min(slots, Math.Max(0, budget - _executorOf.Count)), 1);
    }

    private void Add(ExecutorSpan span, int slots, long weight)
    {
        var executor = _executors.Count;
        _executors.Add(span);
        _weights.Add(weight);
        _ordinals.Add(_executorCount);
        _executorCount += weight;
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
