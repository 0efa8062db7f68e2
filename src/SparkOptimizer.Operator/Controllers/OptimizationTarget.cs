using k8s.Models;
using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>The opted-in app a SparkOptimization belongs to: identity, annotations, and the name of its SparkOptimization.</summary>
public sealed record OptimizationTarget(AppIdentity App, IDictionary<string, string> Annotations)
{
    public static OptimizationTarget For(string apiVersion, string kind, V1ObjectMeta meta) =>
        new(new AppIdentity(apiVersion, kind, meta.NamespaceProperty ?? "default", meta.Name, meta.Uid),
            meta.Annotations ?? new Dictionary<string, string>());

    public TargetReference Reference => new() { ApiVersion = App.ApiVersion, Kind = App.Kind, Name = App.Name };

    /// <summary>
    /// One SparkOptimization per app, named after it. Kubeflow and Apache SparkApplications (and a
    /// ScheduledSparkApplication) may share a name in one namespace; the second kind gets a suffix.
    /// </summary>
    public string OptimizationName(bool alternate = false) => !alternate ? App.Name : App.Kind switch
    {
        "ScheduledSparkApplication" => App.Name + "-scheduled",
        _ when App.ApiVersion.StartsWith("spark.apache.org/", StringComparison.Ordinal) => App.Name + "-apache",
        _ => App.Name + "-kubeflow",
    };

    public bool Matches(TargetReference? reference) =>
        reference is not null && reference.ApiVersion == App.ApiVersion && reference.Kind == App.Kind && reference.Name == App.Name;
}
