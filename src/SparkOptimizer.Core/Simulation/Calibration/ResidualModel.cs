using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace SparkOptimizer.Simulation.Calibration;

/// <summary>
/// A Microsoft.ML FastTree regression, trained across apps, of the replay's residual log(observed / simulated) on the
/// run's shape (executors, cores, memory per core, partitions, input, simulated time). Its out-of-fold spread sizes
/// the interval of corrected predictions.
/// </summary>
public sealed class ResidualModel
{
    private readonly PredictionEngine<ResidualRow, ResidualPrediction> _engine;
    private readonly object _gate = new();

    private ResidualModel(PredictionEngine<ResidualRow, ResidualPrediction> engine, int rows, double sigma, double replaySigma)
    {
        _engine = engine;
        Rows = rows;
        LogErrorSigma = sigma;
        ReplayLogErrorSigma = replaySigma;
    }

    public int Rows { get; }

    /// <summary>Out-of-fold spread of log(observed / corrected) on the training history.</summary>
    public double LogErrorSigma { get; }

    /// <summary>Spread of log(observed / simulated) on the same history: the replay alone.</summary>
    public double ReplayLogErrorSigma { get; }

    /// <summary>Trains on all apps' history; null (with the reason) when there are too few rows.</summary>
    public static ResidualModel? Train(IReadOnlyList<RunHistoryEntry> history, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(history);
        var rows = history.Where(h => h.ObservedMs > 0 && h.SimulatedMs > 0).ToArray();
        if (rows.Length < CalibrationDefaults.MinResidualRows)
        {
            reason = $"{rows.Length} run(s) across apps; the residual model needs {CalibrationDefaults.MinResidualRows}";
            return null;
        }

        var ml = new MLContext(CalibrationDefaults.Seed);
        var all = rows.Select(ToRow).ToArray();

        // Out-of-fold residuals (deterministic folds by position) measure how well the correction generalises.
        var oof = new List<double>();
        for (var fold = 0; fold < CalibrationDefaults.ResidualFolds; fold++)
        {
            var train = all.Where((_, i) => i % CalibrationDefaults.ResidualFolds != fold).ToArray();
            var test = all.Where((_, i) => i % CalibrationDefaults.ResidualFolds == fold).ToArray();
            var foldEngine = ml.Model.CreatePredictionEngine<ResidualRow, ResidualPrediction>(Fit(ml, train));
            oof.AddRange(test.Select(r => (double)(r.Label - foldEngine.Predict(r).Score)));
        }

        var engine = ml.Model.CreatePredictionEngine<ResidualRow, ResidualPrediction>(Fit(ml, all));
        reason = null;
        return new ResidualModel(engine, all.Length, Rms(oof), Rms(all.Select(r => (double)r.Label)));
    }

    /// <summary>Predicted log(observed / simulated) for a run of this shape: multiply the replay by exp of it.</summary>
    public double PredictLogResidual(RunHistoryEntry shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        lock (_gate)
        {
            return _engine.Predict(new ResidualRow { Features = ResidualRow.FeaturesOf(shape) }).Score;
        }
    }

    private static ITransformer Fit(MLContext ml, ResidualRow[] rows)
    {
        var options = new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = CalibrationDefaults.Trees,
            NumberOfLeaves = CalibrationDefaults.Leaves,
            MinimumExampleCountPerLeaf = CalibrationDefaults.MinExamplesPerLeaf,
            LearningRate = CalibrationDefaults.LearningRate,
            NumberOfThreads = 1,
            LabelColumnName = nameof(ResidualRow.Label),
            FeatureColumnName = nameof(ResidualRow.Features),
        };
        return ml.Regression.Trainers.FastTree(options).Fit(ml.Data.LoadFromEnumerable(rows));
    }

    private static ResidualRow ToRow(RunHistoryEntry e) => new()
    {
        Label = (float)Math.Log(e.ObservedMs / (double)e.SimulatedMs),
        Features = ResidualRow.FeaturesOf(e),
    };

    private static double Rms(IEnumerable<double> values)
    {
        var v = values.ToArray();
        return v.Length == 0 ? 0 : Math.Sqrt(v.Sum(x => x * x) / v.Length);
    }
}
