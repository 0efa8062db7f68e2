namespace SparkOptimizer.Publishing.Manifests;

/// <summary>Decides whether a YAML document is the app's manifest: kind, API group, namespace and name.</summary>
internal static class ManifestMatcher
{
    /// <param name="inheritedNamespace">A Kustomize <c>namespace:</c> that applies to the document (it overrides the document's own).</param>
    public static bool Matches(SourceDocument document, AppIdentity app, string? inheritedNamespace)
    {
        if (document.Root is not { Kind: SourceNodeKind.Mapping } || document.Kind != app.Kind || document.Name != app.Name)
        {
            return false;
        }

        var group = document.ApiVersion is { } v && v.Contains('/', StringComparison.Ordinal) ? v[..v.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
        if (!string.IsNullOrEmpty(app.Group) && group != app.Group)
        {
            return false;
        }

        var effective = inheritedNamespace ?? document.Namespace ?? PublishingDefaults.DefaultNamespace;
        return effective == app.Namespace;
    }
}
