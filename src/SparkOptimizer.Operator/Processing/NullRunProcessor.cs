using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Operator.Processing;

/// <summary>
/// The processor used until the engine and the publisher are wired in: records the run (duration from the Spark
/// operator's times) without analysing it.
/// </summary>
public sealed class NullRunProcessor(ILogger<NullRunProcessor> logger) : IRunProcessor
{
    public Task<RunAnalysis> ProcessAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        logger.LogInformation("Run {RunId} of {App} finished ({Outcome}); event log at {EventLog}; no engine wired",
            run.RunId, run.App, run.Outcome, run.EventLog?.Uri ?? "(unknown)");
        return Task.FromResult(new RunAnalysis { Message = "Run recorded; analysis engine not configured." });
    }
}
