namespace SparkOptimizer.Operator.Processing;

/// <summary>
/// The processor already retried (an analysis Job failed each of its attempts): the run is recorded as failed at once instead of
/// being retried again by the pipeline.
/// </summary>
public sealed class AnalysisGaveUpException(string message, Exception? inner = null) : Exception(message, inner);
