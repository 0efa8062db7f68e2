using System.Globalization;

namespace SparkOptimizer.Simulation.Calibration;

/// <summary>
/// Corrects the replay's prediction with history: the cross-app residual model (when trained) corrects the replay, the
/// app's own Ernest fit (when it has enough runs) gives an independent estimate, and the two are combined by inverse
/// variance of their measured log errors. The interval comes from those errors, so it narrows as history proves the
/// model and widens when it does not. With too little history the replay stands alone and the prediction says so.
/// </summary>
public sealed class PredictionCalibrator
{
    private readonly IReadOnlyList<RunHistoryEntry> _history;
    private readonly string? _residualReason;

    public PredictionCalibrator(IReadOnlyList<RunHistoryEntry> history, ResidualModel? residualModel, string? residualReason = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        _history = history;
        Residual = residualModel;
        _residualReason = residualReason;
    }

    public ResidualModel? Residual { get; }

    /// <summary>Trains the residual model on all apps' history and keeps the history for per-app Ernest fits.</summary>
    public static PredictionCalibrator Train(IReadOnlyList<RunHistoryEntry> history)
    {
        var model = ResidualModel.Train(history, out var reason);
        return new PredictionCalibrator(history, model, reason);
    }

    public Prediction Calibrate(Prediction prediction, string appKey, long inputBytes)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var config = prediction.Config;
        var target = new RunHistoryEntry(appKey, config.Executors, config.CoresPerExecutor, config.ExecutorMemory, config.ShufflePartitions,
            inputBytes, 0, Math.Max(1, prediction.DurationMs));
        var appRuns = _history.Where(h => h.AppKey == appKey && h.ObservedMs > 0).ToArray();
        var notes = prediction.Notes.ToList();

        // The simulator's estimate: the replay, corrected by the residual model when one is trained and helps.
        var replayLog = Math.Log(target.SimulatedMs);
        var replaySigma = ReplaySigma(appRuns);
        var simLog = replayLog;
        var simSigma = replaySigma;
        var usedResidual = false;
        if (Residual is { } residual && residual.LogErrorSigma < replaySigma)
        {
            simLog = replayLog + residual.PredictLogResidual(target);
            simSigma = residual.LogErrorSigma;
            usedResidual = true;
        }
        else if (Residual is null && _residualReason is not null)
        {
            notes.Add("residual model not trained: " + _residualReason);
        }

        var ernest = ErnestModel.Fit(appRuns, out var ernestReason);
        var usedErnest = false;
        var logValue = simLog;
        var sigma = simSigma;
        if (ernest is not null)
        {
            var ernestMs = ernest.PredictMs(inputBytes, target.Slots);
            var ernestSigma = Math.Max(0.02, ernest.LogErrorSigma);
            if (target.Slots < appRuns.Min(r => r.Slots) || target.Slots > appRuns.Max(r => r.Slots))
            {
                ernestSigma *= 2;
                notes.Add("the change goes outside the slot counts in the app's history: Ernest extrapolates and is given less weight");
            }

            if (ernestMs > 0)
            {
                var ws = 1 / (simSigma * simSigma);
                var we = 1 / (ernestSigma * ernestSigma);
                logValue = ((ws * simLog) + (we * Math.Log(ernestMs))) / (ws + we);
                sigma = Math.Sqrt(1 / (ws + we));
                usedErnest = true;
            }
        }
        else
        {
            notes.Add("no Ernest fit for this app: " + ernestReason);
        }

        if (!usedErnest && !usedResidual)
        {
            notes.Add("history too thin to calibrate: the prediction is the replay alone");
            return prediction with { Notes = notes };
        }

        var duration = Math.Exp(logValue);
        var half = Math.Max(SimulationDefaults.MinIntervalShare, Math.Exp(CalibrationDefaults.IntervalZ * sigma) - 1);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"calibrated on {appRuns.Length} run(s) of this app and {Residual?.Rows ?? 0} across apps; log-error spread {sigma:0.###} (replay alone {replaySigma:0.###})"));
        var basis = (usedErnest, usedResidual) switch
        {
            (true, true) => PredictionBasis.ReplayWithErnestAndResidualModel,
            (true, false) => PredictionBasis.ReplayWithErnest,
            _ => PredictionBasis.ReplayWithResidualModel,
        };
        return prediction with
        {
            DurationMs = (long)Math.Round(duration),
            LowMs = (long)Math.Round(duration / (1 + half)),
            HighMs = (long)Math.Round(duration * (1 + half)),
            Basis = basis,
            Notes = notes,
        };
    }

    private double ReplaySigma(RunHistoryEntry[] appRuns)
    {
        var withPrediction = appRuns.Where(r => r.SimulatedMs > 0).ToArray();
        if (withPrediction.Length >= CalibrationDefaults.MinRunsForSpread)
        {
            return Math.Max(0.02, Math.Sqrt(withPrediction.Average(r => Math.Pow(Math.Log(r.ObservedMs / (double)r.SimulatedMs), 2))));
        }

        return Residual?.ReplayLogErrorSigma ?? CalibrationDefaults.DefaultReplaySigma;
    }
}
