namespace SparkOptimizer.Operator;

/// <summary>Which Spark operators' kinds to watch.</summary>
public sealed class WatchOptions
{
    /// <summary>Kubeflow spark-operator: sparkoperator.k8s.io/v1beta2 SparkApplication and ScheduledSparkApplication.</summary>
    public bool Kubeflow { get; set; } = true;

    /// <summary>Apache Spark Kubernetes Operator: spark.apache.org/v1 SparkApplication.</summary>
    public bool Apache { get; set; } = true;
}
