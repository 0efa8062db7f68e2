namespace SparkOptimizer.Publishing.Manifests;

/// <summary>One YAML document of a (possibly multi-document) file, with the anchors it defines.</summary>
internal sealed record SourceDocument(int Index, SourceNode? Root, IReadOnlyDictionary<string, SourceNode> Anchors)
{
    public string? Kind => Root?.ScalarAt("kind");

    public string? ApiVersion => Root?.ScalarAt("apiVersion");

    public string? Name => Root?.ScalarAt("metadata", "name");

    public string? Namespace => Root?.ScalarAt("metadata", "namespace");
}
