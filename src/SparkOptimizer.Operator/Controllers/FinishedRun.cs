using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>A finished run as read from a Spark operator's status, before it is matched to its SparkOptimization.</summary>
public sealed record FinishedRun(
    string RunId,
    string RunName,
    string? SparkAppId,
    string Outcome,
    bool Succeeded,
    bool InfrastructureFailure,
    string? Message,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    IReadOnlyDictionary<string, string> SparkConf,
    IKubernetesObject<V1ObjectMeta> Resource);
