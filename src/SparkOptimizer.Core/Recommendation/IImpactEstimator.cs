using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>
/// Seam for the what-if simulator: how much a finding's fix would save. The default (<see cref="StageTimeImpactEstimator"/>)
/// estimates from the run's own stage numbers; the simulator replaces it when wired in. Null means "no estimate".
/// </summary>
public interface IImpactEstimator
{
    ImpactEstimate? Estimate(SparkRun run, RunFacts facts, Finding finding);
}
