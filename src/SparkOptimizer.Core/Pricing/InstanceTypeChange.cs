using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>
/// What moving executors to another instance type means for them: cores per executor capped by the node's allocatable
/// CPU, heap capped so the pods still fit, the executor count that keeps the total cores, nodes needed, and the relative
/// per-core speed. The what-if simulator takes these as a SimulationChange (Executors, CoresPerExecutor,
/// ExecutorMemory, SpeedFactor).
/// </summary>
public sealed record InstanceTypeChange(
    string InstanceType,
    int Executors,
    int CoresPerExecutor,
    ByteSize ExecutorMemory,
    double SpeedFactor,
    int ExecutorsPerNode,
    int Nodes)
{
    /// <summary>Plans the move of <paramref name="executors"/> executors of <paramref name="cores"/> cores and <paramref name="heap"/> heap onto <paramref name="toType"/>.</summary>
    public static InstanceTypeChange? Plan(NodeShapeCatalog shapes, string? fromType, string toType, int executors, int cores, ByteSize heap)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Find(toType) is not { } to)
        {
            return null;
        }

        var from = shapes.Find(fromType);
        var newCores = Math.Max(1, Math.Min(cores, (int)Math.Floor(to.AllocatableCpu)));
        var perCoreHeap = heap.Bytes / (double)Math.Max(1, cores);
        var wantedHeap = (long)(perCoreHeap * newCores);
        var pods = Math.Max(1, (int)Math.Floor(to.AllocatableCpu / newCores));
        // The heap whose container (heap + max(384 MiB, 10 %), the memory model's rule) fits one pod's share of the node.
        static long Fit(long share) => Math.Max(0, Math.Min((long)(share / (1 + Model.ExecutorMemory.JvmOverheadFactor)), share - Model.ExecutorMemory.MinOverhead));
        var fit = Fit(to.AllocatableMemory.Bytes / pods);
        while (pods > 1 && fit < Math.Min(wantedHeap, Model.ExecutorMemory.MinOverhead * 2))
        {
            pods--;
            fit = Fit(to.AllocatableMemory.Bytes / pods);
        }

        var newHeap = new ByteSize(Math.Max(ByteSize.MiB * 512, Math.Min(wantedHeap, fit) / ByteSize.MiB * ByteSize.MiB));
        var newExecutors = Math.Max(1, (int)Math.Ceiling(executors * cores / (double)newCores));
        var speed = to.RelativeSpeed / (from?.RelativeSpeed ?? 1.0);
        return new InstanceTypeChange(to.Name, newExecutors, newCores, newHeap, speed, pods, (int)Math.Ceiling(newExecutors / (double)pods));
    }
}
