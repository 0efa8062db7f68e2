using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Metrics;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// Chooses where a run is analysed: in the operator's process for small logs while an in-process slot is free, else in a Job
/// (logs at or above the size threshold, logs of unknown size, and everything past the in-process slots). The size comes from
/// listing the log where it lives (a stat, an object store's listing), never from reading it.
/// </summary>
public sealed class RoutingRunAnalyser(IRunAnalyser inProcess, JobRunAnalyser jobs, EventLogFinder finder, JobOptions options, ILogger logger, OperatorMetrics? metrics = null)
    : IRunAnalyser
{
    private readonly SemaphoreSlim inProcessSlots = new(Math.Max(1, options.MaxInProcess));

    public async Task<AnalysedRun> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var input = finder.Find(request.EventLog, out _);
        if (input is null)
        {
            // nothing to parse: the in-process analyser says what was tried
            return await inProcess.AnalyseAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var bytes = JobSizing.EffectiveBytes(input, options.CompressionFactor);
        if (bytes < options.SizeThresholdBytes && inProcessSlots.Wait(0))
        {
            metrics?.AnalysesInProcess.Inc();
            try
            {
                return await inProcess.AnalyseAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                metrics?.AnalysesInProcess.Dec();
                inProcessSlots.Release();
            }
        }

        logger.LogInformation("Run {Run} of {App}: log of {Bytes} bytes analysed in a Job", request.RunId, request.App, bytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
        return await jobs.AnalyseAsync(request, bytes, cancellationToken).ConfigureAwait(false);
    }
}
