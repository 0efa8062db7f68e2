using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>
/// Solves executor memory, overhead, cores and count together, so the changes do not fight: memory per core is kept when cores grow,
/// total cores are kept when the executor shape changes, and memory never goes below what the run was seen to need
/// (peak heap x (1 + buffer) for the heap, peak RSS x (1 + buffer) for the container). Decreases only when allowed and no memory failure was seen.
/// With a <see cref="NodeLimit"/>, increases stop at the largest node; the floors never give way (the note then says a larger node is needed).
/// </summary>
public sealed class ExecutorSizer(double buffer = 0.2, bool allowDecrease = false, NodeLimit? node = null)
{
    private const long HeapStep = 512 * ByteSize.MiB;
    private const long OverheadStep = 128 * ByteSize.MiB;
    private const long MinOverhead = 384 * ByteSize.MiB;

    public ExecutorSizing Size(ExecutorObservation observed, ExecutorDemand demand)
    {
        var current = observed.Current;
        var notes = new List<string>();
        var heapFloor = observed.PeakHeapBytes is { } ph ? (long)Math.Ceiling(ph * (1 + buffer)) : 0;
        var containerFloor = observed.PeakRssBytes is { } pr ? (long)Math.Ceiling(pr * (1 + buffer)) : 0;
        var mayDecrease = allowDecrease && !observed.MemoryFailureSeen;

        var cores = observed.LocalMode ? current.Cores : Math.Max(1, demand.Cores ?? current.Cores);
        var heapWanted = demand.HeapAtLeast ?? current.HeapBytes;
        if (mayDecrease && demand.HeapTarget is { } target && demand.HeapAtLeast is null)
        {
            heapWanted = target;
        }

        if (cores > current.Cores && current.Cores > 0)
        {
            // More cores share one heap: keep the heap per core.
            heapWanted = Math.Max(heapWanted, current.HeapBytes / current.Cores * cores);
            notes.Add($"heap per core kept at {ByteSize.Format(current.HeapBytes / current.Cores)} for {cores} cores");
        }

        if (!mayDecrease)
        {
            heapWanted = Math.Max(heapWanted, current.HeapBytes);
        }

        if (heapFloor > heapWanted)
        {
            notes.Add($"heap held at or above the observed peak x {1 + buffer:0.0#} ({ByteSize.Format(heapFloor)})");
        }

        var heap = Math.Max(heapWanted, heapFloor);
        heap = heap == current.HeapBytes ? heap : RoundUp(heap, HeapStep);

        var overhead = current.OverheadBytes;
        if (!observed.LocalMode)
        {
            var defaultOverhead = Math.Max(MinOverhead, heap / 10);
            var overheadWanted = Math.Max(demand.OverheadAtLeast ?? 0, observed.OverheadExplicit ? current.OverheadBytes : defaultOverhead);
            if (!mayDecrease)
            {
                overheadWanted = Math.Max(overheadWanted, current.OverheadBytes);
            }

            var containerNeed = containerFloor - heap - observed.OffHeapBytes - observed.PySparkBytes;
            if (containerNeed > overheadWanted)
            {
                notes.Add($"overhead raised so the container holds the observed peak RSS x {1 + buffer:0.0#} ({ByteSize.Format(containerFloor)})");
                overheadWanted = containerNeed;
            }

            overhead = overheadWanted == current.OverheadBytes ? overheadWanted : RoundUp(overheadWanted, OverheadStep);
        }

        if (node is { } limit && !observed.LocalMode)
        {
            (heap, cores) = FitNode(limit, heap, overhead, cores, observed, heapFloor, containerFloor, mayDecrease, notes);
        }

        int? instances = current.Instances;
        if (!observed.LocalMode)
        {
            if (demand.Instances is { } wanted)
            {
                instances = Math.Max(1, wanted);
            }
            else if (cores != current.Cores && current.Instances is { } n)
            {
                // Keep the run's total cores when the executor shape changes.
                instances = Math.Max(1, (int)Math.Ceiling(n * current.Cores / (double)cores));
                notes.Add($"instances {n} -> {instances} to keep {n * current.Cores} cores");
                if (cores < current.Cores && heap >= current.HeapBytes)
                {
                    // The ratchet keeps each executor's heap, so narrower executors add up to more memory: say so.
                    notes.Add($"total heap grows x{instances * heap / (double)(n * current.HeapBytes):0.##}: a heap per executor may only shrink once a cohort of runs backs it");
                }
            }
        }

        return new ExecutorSizing(current, new ExecutorShape(heap, overhead, cores, instances), heapFloor, containerFloor, notes);
    }

    private static (long Heap, int Cores) FitNode(NodeLimit limit, long heap, long overhead, int cores, ExecutorObservation observed, long heapFloor, long containerFloor, bool mayDecrease, List<string> notes)
    {
        if (cores > limit.MaxCores)
        {
            notes.Add($"cores capped at {limit.MaxCores}, the largest node");
            cores = limit.MaxCores;
        }

        var side = overhead + observed.OffHeapBytes + observed.PySparkBytes;
        if (heap + side <= limit.MaxContainerBytes)
        {
            return (heap, cores);
        }

        var fit = (limit.MaxContainerBytes - side) / HeapStep * HeapStep;
        var lowest = Math.Max(heapFloor, Math.Max(containerFloor - side, mayDecrease ? 0 : observed.Current.HeapBytes));
        if (fit >= lowest && fit > 0)
        {
            notes.Add($"heap capped at {ByteSize.Format(fit)} to fit the largest node ({ByteSize.Format(limit.MaxContainerBytes)})");
            return (fit, cores);
        }

        notes.Add($"needs a node larger than {ByteSize.Format(limit.MaxContainerBytes)}: the observed peak x {1.2:0.0} does not fit");
        return (heap, cores);
    }

    /// <summary>Overhead Spark would pick by itself for a heap (the container memory model's rule at the JVM factor).</summary>
    public static long DefaultOverhead(long heap) => ExecutorMemory.DefaultOverhead(heap);

    private static long RoundUp(long bytes, long step) => (bytes + step - 1) / step * step;
}
