namespace SparkOptimizer.Publishing.Manifests;

/// <summary>The manifest field that governs one recommended key: a path from the document root, and its type.</summary>
internal sealed record FieldTarget(IReadOnlyList<object> Path, FieldType Type)
{
    public string Display => string.Concat(Path.Select((p, i) => p switch
    {
        int index => $"[{index}]",
        string s when s.Contains('.', StringComparison.Ordinal) => $"[\"{s}\"]",
        _ => (i == 0 ? string.Empty : ".") + p,
    }));
}
