namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>One request the fake API server answered, for assertions.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, string? Body, int Status)
{
    public bool IsWatch => Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}
