using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>
/// Fits what a run needed (cores busy at a target utilisation while jobs ran, memory per core at its peak plus headroom)
/// to the node shapes of the same provider, packing executor pods by allocatable CPU and memory, and picks the cheapest.
/// </summary>
public static class RightSizer
{
    /// <summary>Executor pods of <paramref name="cores"/> cores and <paramref name="memory"/> each that fit on one node of <paramref name="shape"/>.</summary>
    public static int PodsPerNode(NodeShape shape, int cores, ByteSize memory)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (cores <= 0 || memory.Bytes <= 0)
        {
            return 0;
        }

        return (int)Math.Min(Math.Floor(shape.AllocatableCpu / cores), Math.Floor(shape.AllocatableMemory.Bytes / (double)memory.Bytes));
    }

    public static RightSizing? Fit(RunFootprint footprint, NodePrice current, int? currentNodes, Func<string, NodePrice?> priceOf, NodeShapeCatalog shapes)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(priceOf);
        ArgumentNullException.ThrowIfNull(shapes);
        if (current.Shape is not { } currentShape || footprint.ActiveJobHours <= 0 || footprint.DurationHours <= 0)
        {
            return null;
        }

        var coresPerExecutor = Math.Max(1, footprint.CoresPerExecutor);
        var memoryPerCore = footprint.PeakExecutorMemoryUsed is { } used
            ? Math.Min(used.Bytes * PricingDefaults.MemoryHeadroom, footprint.ExecutorMemoryRequest.Bytes) / coresPerExecutor
            : footprint.ExecutorMemoryRequest.Bytes / (double)coresPerExecutor;
        var currentCores = Math.Max(1, footprint.PeakExecutors * coresPerExecutor);
        var busyCores = footprint.TaskCoreHours / footprint.ActiveJobHours / PricingDefaults.TargetCpuUtilisation;
        var neededCores = (int)Math.Clamp(Math.Ceiling(busyCores), 1, currentCores);

        var podsNow = PodsPerNode(currentShape, coresPerExecutor, footprint.ExecutorMemoryRequest);
        var nodesNow = currentNodes ?? (podsNow > 0 ? (int)Math.Ceiling(footprint.PeakExecutors / (double)podsNow) : footprint.PeakExecutors);
        nodesNow = Math.Max(1, nodesNow);
        var currentCost = current.PerHour * (nodesNow * footprint.DurationHours);

        (NodeShape Shape, int Nodes, int Executors, int Cores, Money Cost)? best = null;
        foreach (var shape in shapes.ForProvider(currentShape.Provider))
        {
            if (priceOf(shape.Name) is not { } price)
            {
                continue;
            }

            var cores = Math.Min(coresPerExecutor, (int)Math.Floor(shape.AllocatableCpu));
            if (cores < 1)
            {
                continue;
            }

            var memory = new ByteSize((long)Math.Ceiling(memoryPerCore * cores));
            var pods = PodsPerNode(shape, cores, memory);
            if (pods < 1)
            {
                continue;
            }

            var executors = (int)Math.Ceiling(neededCores / (double)cores);
            var nodes = (int)Math.Ceiling(executors / (double)pods);
            var cost = price.PerHour * (nodes * footprint.DurationHours);
            if (best is null || cost.Amount < best.Value.Cost.Amount || (cost.Amount == best.Value.Cost.Amount && nodes < best.Value.Nodes))
            {
                best = (shape, nodes, executors, cores, cost);
            }
        }

        if (best is not { } b || b.Cost.Amount >= currentCost.Amount)
        {
            return new RightSizing(currentShape.Name, nodesNow, currentCost, currentShape.Name, nodesNow, footprint.PeakExecutors, coresPerExecutor, currentCost,
                "already the cheapest fit for the cores and memory the run used");
        }

        return new RightSizing(currentShape.Name, nodesNow, currentCost, b.Shape.Name, b.Nodes, b.Executors, b.Cores, b.Cost,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{neededCores} cores busy at {PricingDefaults.TargetCpuUtilisation:P0} while jobs ran, {ByteSize.Format((long)memoryPerCore)} per core; node-hours at the observed duration (check the duration with the what-if simulator)"));
    }
}
