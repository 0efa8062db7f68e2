namespace SparkOptimizer.Publishing;

/// <summary>Which Kubernetes object a change set is for: the same four facts the locator matches on.</summary>
public sealed record AppIdentity(string Kind, string ApiVersion, string Namespace, string Name)
{
    /// <summary>The API group ("sparkoperator.k8s.io", "spark.apache.org"); empty for the core group.</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    /// <summary>The deterministic pull-request branch for this app.</summary>
    public string BranchName => $"{PublishingDefaults.BranchPrefix}{Namespace}/{Name}";

    public override string ToString() => $"{Kind} {Namespace}/{Name} ({ApiVersion})";
}
