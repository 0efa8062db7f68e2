namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// The heavy half of processing a run: find and parse its event log, analyse, rail, price and predict. Everything it needs
/// is in the request and everything it gives back is in the result, both plain JSON, so that it can run in the operator or
/// in a Kubernetes Job of its own.
/// </summary>
public interface IRunAnalyser
{
    Task<AnalysedRun> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken);
}
