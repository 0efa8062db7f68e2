namespace SparkOptimizer.Operator.Processing;

/// <summary>
/// The seam between the operator's Kubernetes plumbing and the engine: given one finished run of an opted-in app,
/// analyse it (event log, Prometheus, simulation, pricing), publish what should be published, and return the summary
/// to write on the SparkOptimization's status. The operator calls it at most once per run that it then records as
/// processed; an implementation should still be idempotent (e.g. find its pull request again by branch), because a
/// crash between this call and the status write repeats the call after a restart.
/// </summary>
public interface IRunProcessor
{
    Task<RunAnalysis> ProcessAsync(CompletedRun run, CancellationToken cancellationToken);
}
