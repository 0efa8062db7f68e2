namespace SparkOptimizer.Ingest.Metrics;

/// <summary>Prometheus could not answer (down, slow, or an invalid query): the run is analysed without pod metrics.</summary>
public sealed class PrometheusException(string message, Exception? inner = null) : Exception(message, inner);
