using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>One run prepared for replay (its plan is built once), answering any number of what-if questions.</summary>
public sealed class WhatIfSession
{
    private readonly ReplayPlan _plan;
    private readonly Lazy<SimulationResult> _baseline;
    private readonly Lazy<(ModelPerturbation Perturbation, long DurationMs)[]> _perturbedBaselines;
    // The prediction at the observed configuration: the forecaster, the pricer and the report all ask for it.
    private readonly Lazy<Prediction> _observedPrediction;

    public WhatIfSession(SparkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Run = run;
        Observed = SimulationConfig.FromRun(run);
        _plan = ReplayPlan.Build(run, Observed.CoresPerExecutor);
        _plan.CalibrateLaunchDelays(ReplayEngine.Run(_plan, Observed, Observed, ModelPerturbation.Neutral));
        _baseline = new Lazy<SimulationResult>(() => Simulate(Observed));
        _perturbedBaselines = new(() => Perturbations().Select(p => (p, ReplayEngine.Run(_plan, Observed, Observed, p).DurationMs)).ToArray());
        _observedPrediction = new(() => Predict(Observed));
    }

    public SparkRun Run { get; }

    /// <summary>The configuration the run had.</summary>
    public SimulationConfig Observed { get; }

    /// <summary>Tasks the replay schedules (large stages expanded from their quantile summary).</summary>
    public long TaskCount => _plan.TotalTasks;

    /// <summary>The replay at the observed configuration against the observed duration.</summary>
    public BaselineComparison Baseline => new(_plan.ObservedDurationMs, _baseline.Value.DurationMs);

    public SimulationResult BaselineReplay => _baseline.Value;

    public SimulationResult Simulate(SimulationConfig config) => ReplayEngine.Run(_plan, Observed, config, ModelPerturbation.Neutral);

    /// <summary>Predicts the run under <paramref name="change"/>: the replay scaled by the baseline's own ratio, with a sensitivity interval.</summary>
    public Prediction Predict(SimulationChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change == SimulationChange.None ? _observedPrediction.Value : Predict(Observed.With(change));
    }

    public Prediction Predict(SimulationConfig target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var baseline = _baseline.Value;
        var replay = Simulate(target);
        var notes = new List<string>();
        var ratio = 1.0;
        if (_plan.ObservedDurationMs is > 0 and var observed && baseline.DurationMs > 0)
        {
            // The replay's own error at the observed configuration carries over to the change; correct for it.
            ratio = Math.Clamp(observed / (double)baseline.DurationMs, 0.5, 2.0);
        }
        else
        {
            notes.Add("The log has no application end: the prediction is the raw replay, not checked against an observed duration.");
        }

        var predicted = replay.DurationMs * ratio;
        var low = predicted;
        var high = predicted;
        foreach (var (p, baselineMs) in _perturbedBaselines.Value)
        {
            if (baselineMs <= 0)
            {
                continue;
            }

            var pt = ReplayEngine.Run(_plan, Observed, target, p);
            var value = pt.DurationMs * (_plan.ObservedDurationMs is > 0 and var o ? Math.Clamp(o / (double)baselineMs, 0.5, 2.0) : 1.0);
            low = Math.Min(low, value);
            high = Math.Max(high, value);
        }

        // The baseline error is how far the replay itself can be off; the interval is never narrower than that.
        var baselineShare = Baseline.ErrorPct is { } e ? Math.Abs(e) / 100 : 0.25;
        var share = Math.Max(SimulationDefaults.MinIntervalShare, baselineShare) + (SimulationDefaults.ExtrapolationIntervalPerLog * Distance(Observed, target));
        low = Math.Min(low, predicted * (1 - share));
        high = Math.Max(high, predicted * (1 + share));
        if (Baseline.ErrorPct is { } err && Math.Abs(err) > 25)
        {
            notes.Add($"The replay is {err:0.#}% off the observed duration at the observed configuration: treat the prediction with care.");
        }

        return new Prediction(Baseline, target, (long)Math.Round(predicted), (long)Math.Round(Math.Max(0, low)), (long)Math.Round(high), replay, PredictionBasis.Replay, notes);
    }

    /// <summary>How far a configuration is from the observed one: the further the replay extrapolates, the wider its interval.</summary>
    private double Distance(SimulationConfig a, SimulationConfig b)
    {
        static double LogRatio(double x, double y) => x > 0 && y > 0 ? Math.Abs(Math.Log(x / y)) : 0;
        return LogRatio(a.Slots, b.Slots)
            + LogRatio(a.ExecutorMemory.Bytes / (double)Math.Max(1, a.CoresPerExecutor), b.ExecutorMemory.Bytes / (double)Math.Max(1, b.CoresPerExecutor))
            + LogRatio(a.ShufflePartitions ?? 1, b.ShufflePartitions ?? 1)
            + LogRatio(a.SpeedFactor, b.SpeedFactor)
            + StageDistance(b);
    }

    /// <summary>The largest partition-count ratio among the stages a change names (the stage's own count is the observed one).</summary>
    private double StageDistance(SimulationConfig target)
    {
        var widest = 0.0;
        foreach (var (stageId, partitions) in target.StagePartitions)
        {
            if (Run.Stages.FirstOrDefault(s => s.StageId == stageId) is { NumTasks: > 0 } stage && partitions > 0)
            {
                widest = Math.Max(widest, Math.Abs(Math.Log(partitions / (double)stage.NumTasks)));
            }
        }

        return widest;
    }

    private static IEnumerable<ModelPerturbation> Perturbations()
    {
        var d = SimulationDefaults.ParameterPerturbation;
        foreach (var seed in SimulationDefaults.SensitivitySeeds.Skip(1))
        {
            yield return ModelPerturbation.Neutral with { Seed = seed };
        }

        yield return new ModelPerturbation(1 - d, 1 - d, 1 - (d / 2), SimulationDefaults.SensitivitySeeds[0]);
        yield return new ModelPerturbation(1 + d, 1 + d, 1 + (d / 2), SimulationDefaults.SensitivitySeeds[0]);
    }
}
