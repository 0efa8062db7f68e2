using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>Runs every analyzer over a run, each isolated, and collects findings and failures.</summary>
public sealed class RunAnalyzer(IReadOnlyList<IAnalyzer> analyzers)
{
    public static IReadOnlyList<IAnalyzer> DefaultAnalyzers { get; } =
    [
        new SkewAnalyzer(),
        new SpillAnalyzer(),
        new GcAnalyzer(),
        new MemoryAnalyzer(),
        new ParallelismAnalyzer(),
        new ShuffleAnalyzer(),
        new IoAnalyzer(),
        new CachingAnalyzer(),
        new JoinAnalyzer(),
        new FailureAnalyzer(),
        new DriverTimeAnalyzer(),
        new SpeculationAnalyzer(),
        new DynamicAllocationAnalyzer(),
        new SerializerAnalyzer(),
        new TaskCpusAnalyzer(),
        new GpuMemoryAnalyzer(),
        new AcceleratorFallbackAnalyzer(Accelerator.Rapids),
        new AcceleratorFallbackAnalyzer(Accelerator.Photon),
        new DatabricksComputeAnalyzer(),
    ];

    public RunAnalyzer()
        : this(DefaultAnalyzers)
    {
    }

    public (IReadOnlyList<Finding> Findings, IReadOnlyList<string> Warnings) Analyze(SparkRun run, Thresholds thresholds) =>
        Analyze(new AnalysisContext(run, thresholds));

    /// <summary>Analyse with a context the caller keeps (the pipeline reuses its plan index and partition levers).</summary>
    public (IReadOnlyList<Finding> Findings, IReadOnlyList<string> Warnings) Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (run, thresholds) = (context.Run, context.Thresholds);
        var findings = new List<Finding>();
        var warnings = new List<string>();
        foreach (var analyzer in analyzers)
        {
            try
            {
                // Materialise inside the try: analyzers yield lazily, so a throw would otherwise escape later.
                findings.AddRange(analyzer.Analyze(context).ToList());
            }
#pragma warning disable CA1031 // one failing analyzer must not sink the report
            catch (Exception ex)
#pragma warning restore CA1031
            {
                warnings.Add($"analyzer '{analyzer.Id}' failed: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return (ImpactCeiling.Apply(run, context.Facts, thresholds, Levers.PartitionTargets.Reconcile(context, findings)), warnings);
    }
}
