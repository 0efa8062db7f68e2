using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Recommendation;

/// <summary>
/// Estimates a finding's fix by replaying the run with the finding's configuration changes (the what-if simulator),
/// with the simulator's interval. Skew and findings without configuration changes fall back to the stage-time estimate.
/// </summary>
public sealed class SimulatorImpactEstimator : IImpactEstimator
{
    private readonly StageTimeImpactEstimator _fallback = new();
    // One run at a time is estimated: keep only its session, so a long-lived pipeline (the operator) holds no old runs.
    private SparkRun? _lastRun;
    private WhatIfSession? _lastSession;

    public ImpactEstimate? Estimate(SparkRun run, RunFacts facts, Finding finding)
    {
        var settings = finding.Recommendations.Select(r => r.Change).OfType<ConfigChange>()
            .GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().To, StringComparer.Ordinal);
        var change = SimulationChange.FromSparkConf(settings);
        if (finding.Category == "skew" || settings.Count == 0 || change == SimulationChange.None || run.Application.DurationMs is not > 0)
        {
            return _fallback.Estimate(run, facts, finding);
        }

        var session = Session(run);
        if (session is null)
        {
            return _fallback.Estimate(run, facts, finding);
        }

        var prediction = session.Predict(change);
        var baseline = session.BaselineReplay.DurationMs;
        if (baseline <= 0)
        {
            return null;
        }

        var saved = baseline - prediction.DurationMs;
        var fraction = saved / (double)baseline;
        if (Math.Abs(fraction) < 0.02)
        {
            // Inside the replay's own resolution: no claim either way.
            return null;
        }

        var low = (baseline - prediction.HighMs) / (double)baseline;
        var high = (baseline - prediction.LowMs) / (double)baseline;
        var text = fraction > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{fraction:P0} faster run (simulated; 80 % interval {low:P0} to {high:P0})")
            : string.Create(CultureInfo.InvariantCulture, $"{-fraction:P0} longer run for lower cost (simulated; 80 % interval {-high:P0} to {-low:P0})");
        return new ImpactEstimate(text, fraction, saved, "what-if replay");
    }

    private WhatIfSession? Session(SparkRun run)
    {
        if (!ReferenceEquals(run, _lastRun))
        {
            _lastRun = run;
            try
            {
                _lastSession = WhatIfSimulator.Prepare(run);
            }
            catch (InvalidOperationException)
            {
                _lastSession = null;
            }
        }

        return _lastSession;
    }
}
