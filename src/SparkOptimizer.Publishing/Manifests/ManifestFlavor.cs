namespace SparkOptimizer.Publishing.Manifests;

/// <summary>The manifest shapes the editor knows.</summary>
public enum ManifestFlavor
{
    /// <summary>Kubeflow <c>SparkApplication</c> (<c>sparkoperator.k8s.io</c>): typed fields under <c>spec</c>.</summary>
    Kubeflow,

    /// <summary>Kubeflow <c>ScheduledSparkApplication</c>: the same fields under <c>spec.template</c>.</summary>
    KubeflowScheduled,

    /// <summary>Apache <c>SparkApplication</c> (<c>spark.apache.org</c>): everything in <c>spec.sparkConf</c>, pods in <c>spec.*Spec.podTemplateSpec</c>.</summary>
    Apache,
}
