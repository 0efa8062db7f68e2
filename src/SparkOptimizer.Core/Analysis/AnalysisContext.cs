using SparkOptimizer.Analysis.Levers;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>What every analyzer sees: the run, the thresholds in force, and facts derived once from both.</summary>
public sealed record AnalysisContext(SparkRun Run, Thresholds Thresholds)
{
    private RunFacts? _facts;
    private PlanIndex? _plans;
    private PartitionLevers? _levers;

    /// <summary>Executor sizes, cores, lifetimes and wall time, computed once and shared by every analyzer.</summary>
    public RunFacts Facts => _facts ??= RunFacts.From(Run);

    /// <summary>SQL plans by execution, with the join and aggregate keys of each.</summary>
    public PlanIndex Plans => _plans ??= new PlanIndex(Run);

    /// <summary>What controls each stage's partition count (a setting, the code, or nothing), read from its plan and lineage.</summary>
    public PartitionLevers Levers => _levers ??= new PartitionLevers(Run, Plans);

    /// <summary>Completed stage attempts that ran at least one successful task: the ones with statistics to judge.</summary>
    public IEnumerable<StageInfo> StagesWithTasks => Run.CompletedStages.Where(s => s.Tasks.SucceededCount > 0);
}
