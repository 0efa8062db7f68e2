namespace SparkOptimizer.Operator.Processing;

/// <summary>Which Kubernetes object: apiVersion, kind, namespace, name and uid.</summary>
public sealed record AppIdentity(string ApiVersion, string Kind, string Namespace, string Name, string? Uid)
{
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
