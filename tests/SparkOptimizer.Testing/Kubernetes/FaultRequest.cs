namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>What a fault rule sees of a request.</summary>
public sealed record FaultRequest(string Method, string Path, string? Subresource, bool IsWatch, string? Plural)
{
    public bool IsStatusWrite => Subresource == "status" && Method is "PATCH" or "PUT";
}
