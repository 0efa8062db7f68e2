namespace SparkOptimizer.Publishing.Manifests;

/// <summary>Where a role's pod template container is: Kubeflow <c>spec.{role}.template</c>, Apache <c>spec.{role}Spec.podTemplateSpec</c>.</summary>
internal static class PodTemplates
{
    /// <summary>The path of the Spark container (named <c>spark-kubernetes-{role}</c>, or the only one), or null.</summary>
    public static object[]? ContainerPath(ManifestFlavor flavor, SourceNode root, string role)
    {
        var spec = FieldMap.SpecPath(flavor);
        object[] containersPath = flavor == ManifestFlavor.Apache
            ? [.. spec, role + "Spec", "podTemplateSpec", "spec", "containers"]
            : [.. spec, role, "template", "spec", "containers"];
        if (FieldMap.Lookup(root, containersPath) is not { Kind: SourceNodeKind.Sequence } containers)
        {
            return null;
        }

        var index = containers.Items.FindIndex(c => c.Kind == SourceNodeKind.Mapping && c.ScalarAt("name") == $"spark-kubernetes-{role}");
        if (index < 0 && containers.Items.Count == 1)
        {
            index = 0;
        }

        return index < 0 ? null : [.. containersPath, index];
    }

    /// <summary>A scalar from <c>sparkConf</c>.</summary>
    public static string? Conf(ManifestFlavor flavor, SourceNode root, string key) =>
        FieldMap.Lookup(root, [.. FieldMap.SpecPath(flavor), "sparkConf", key]) is { Kind: SourceNodeKind.Scalar } n ? n.Value : null;

    /// <summary>A Kubeflow typed field under the spec (null for Apache, which has none).</summary>
    public static string? Typed(ManifestFlavor flavor, SourceNode root, params string[] path) =>
        flavor == ManifestFlavor.Apache ? null
        : FieldMap.Lookup(root, [.. FieldMap.SpecPath(flavor), .. path]) is { Kind: SourceNodeKind.Scalar } n ? n.Value : null;
}
