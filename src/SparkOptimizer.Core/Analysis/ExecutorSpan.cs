using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>An executor that could run tasks, with the wall-clock span it held its cores (epoch ms).</summary>
public sealed record ExecutorSpan(ExecutorInfo Executor, long StartMs, long EndMs, int Cores)
{
    public long LifetimeMs => Math.Max(0, EndMs - StartMs);

    public double CoreMs => (double)LifetimeMs * Cores;
}
