namespace SparkOptimizer.Operator.Controllers;

/// <summary>Controller names: the first part of every work-queue key, and the metrics label.</summary>
public static class ControllerNames
{
    public const string KubeflowSparkApplication = "kubeflow-sparkapplication";
    public const string KubeflowScheduledSparkApplication = "kubeflow-scheduledsparkapplication";
    public const string ApacheSparkApplication = "apache-sparkapplication";
    public const string SparkOptimization = "sparkoptimization";
}
