namespace SparkOptimizer.Simulation.Calibration;

/// <summary>
/// Ernest's performance model (Venkataraman et al., NSDI 2016) for one app: T = a + b·s/m + c·log m + d·m, with s the
/// input size (GiB), m the task slots, and a..d &gt;= 0 fitted by non-negative least squares on the app's runs.
/// </summary>
public sealed record ErnestModel(double Fixed, double PerDataPerSlot, double LogSlots, double PerSlot, int Runs, double LogErrorSigma)
{
    private const double BytesPerGiB = 1024.0 * 1024 * 1024;

    /// <summary>Fits the app's history; null (with the reason) when it is too thin.</summary>
    public static ErnestModel? Fit(IReadOnlyList<RunHistoryEntry> runs, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var usable = runs.Where(r => r.ObservedMs > 0).ToArray();
        if (usable.Length < CalibrationDefaults.MinErnestRuns)
        {
            reason = $"{usable.Length} run(s) of history; Ernest needs {CalibrationDefaults.MinErnestRuns}";
            return null;
        }

        if (usable.Select(r => r.Slots).Distinct().Count() < CalibrationDefaults.MinErnestDistinctSlots)
        {
            reason = $"history has fewer than {CalibrationDefaults.MinErnestDistinctSlots} distinct executor x core sizes; Ernest cannot separate fixed from per-slot cost";
            return null;
        }

        var rows = usable.Select(r => Features(r.InputBytes, r.Slots)).ToArray();
        var seconds = usable.Select(r => r.ObservedMs / 1000.0).ToArray();
        var theta = Nnls.Solve(rows, seconds);
        var model = new ErnestModel(theta[0], theta[1], theta[2], theta[3], usable.Length, 0);
        var logErrors = usable.Select(r => Math.Log(r.ObservedMs / Math.Max(1, model.PredictMs(r.InputBytes, r.Slots)))).ToArray();

        // In-sample spread, inflated for the four fitted coefficients.
        var dof = Math.Max(1, usable.Length - 4);
        var sigma = Math.Sqrt(logErrors.Sum(e => e * e) / dof);
        reason = null;
        return model with { LogErrorSigma = sigma };
    }

    public double PredictMs(long inputBytes, int slots)
    {
        var f = Features(inputBytes, slots);
        return 1000 * ((Fixed * f[0]) + (PerDataPerSlot * f[1]) + (LogSlots * f[2]) + (PerSlot * f[3]));
    }

    private static double[] Features(long inputBytes, int slots)
    {
        var m = Math.Max(1, slots);
        return [1, inputBytes / BytesPerGiB / m, Math.Log(m), m];
    }
}
