namespace SparkOptimizer.Publishing.Manifests;

/// <summary>
/// Maps a recommendation key to the manifest field that really governs it.
/// Kubeflow: typed fields (<c>spec.executor.memory</c>, <c>spec.dynamicAllocation.maxExecutors</c>) win over
/// <c>sparkConf</c> because the operator passes them to spark-submit after it; but when the typed field is absent and
/// <c>sparkConf</c> already holds the key, that entry is what governs and is edited instead.
/// Apache: every resource is a Spark conf entry in <c>spec.sparkConf</c>.
/// </summary>
internal static class FieldMap
{
    private static readonly Dictionary<string, FieldType> RoleFields = new(StringComparer.Ordinal)
    {
        ["memory"] = FieldType.String,
        ["cores"] = FieldType.Integer,
        ["instances"] = FieldType.Integer,
        ["memoryOverhead"] = FieldType.String,
        ["coreRequest"] = FieldType.String,
        ["coreLimit"] = FieldType.String,
    };

    private static readonly Dictionary<string, FieldType> DynamicAllocationFields = new(StringComparer.Ordinal)
    {
        ["enabled"] = FieldType.Boolean,
        ["initialExecutors"] = FieldType.Integer,
        ["minExecutors"] = FieldType.Integer,
        ["maxExecutors"] = FieldType.Integer,
    };

    public static ManifestFlavor FlavorOf(string? apiVersion, string? kind)
    {
        var group = apiVersion is null ? string.Empty : apiVersion.Split('/')[0];
        return (group, kind) switch
        {
            ("sparkoperator.k8s.io", "SparkApplication") => ManifestFlavor.Kubeflow,
            ("sparkoperator.k8s.io", "ScheduledSparkApplication") => ManifestFlavor.KubeflowScheduled,
            ("spark.apache.org", "SparkApplication") => ManifestFlavor.Apache,
            _ => throw new ManifestEditException($"Unsupported manifest kind '{kind}' ({apiVersion}): expected a Kubeflow SparkApplication or ScheduledSparkApplication, or an Apache SparkApplication."),
        };
    }

    /// <summary>The path of the Spark application spec: <c>spec</c>, or <c>spec.template</c> for a ScheduledSparkApplication.</summary>
    public static string[] SpecPath(ManifestFlavor flavor) => flavor == ManifestFlavor.KubeflowScheduled ? ["spec", "template"] : ["spec"];

    public static FieldTarget Map(ManifestFlavor flavor, string key, SourceNode root)
    {
        var spec = SpecPath(flavor);
        var confKey = ToSparkConfKey(key);
        if (flavor == ManifestFlavor.Apache)
        {
            return new FieldTarget([.. spec, "sparkConf", confKey], FieldType.String);
        }

        var typed = ToKubeflowField(confKey);
        if (typed is not null)
        {
            var typedPath = spec.Concat(typed.Value.Path).ToArray();
            var typedPresent = Lookup(root, typedPath) is not null;
            var confPresent = Lookup(root, [.. spec, "sparkConf", confKey]) is not null;
            if (typedPresent || !confPresent)
            {
                return new FieldTarget(typedPath, typed.Value.Type);
            }
        }

        return new FieldTarget([.. spec, "sparkConf", confKey], FieldType.String);
    }

    /// <summary>Turns pod-side keys (<c>executor.coreRequest</c>) into the Spark conf key they stand for.</summary>
    public static string ToSparkConfKey(string key)
    {
        key = key.Trim();
        if (key.StartsWith("spark.", StringComparison.Ordinal))
        {
            return key;
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            throw new ManifestEditException($"Key '{key}' is neither a Spark conf key nor a pod-side key like 'executor.memoryOverhead'.");
        }

        var (scope, field) = (key[..dot], key[(dot + 1)..]);
        return (scope, field) switch
        {
            ("driver" or "executor", "coreRequest") => $"spark.kubernetes.{scope}.request.cores",
            ("driver" or "executor", "coreLimit") => $"spark.kubernetes.{scope}.limit.cores",
            ("driver" or "executor", "memory" or "cores" or "memoryOverhead") => $"spark.{scope}.{field}",
            ("executor", "instances") => "spark.executor.instances",
            ("dynamicAllocation", _) when DynamicAllocationFields.ContainsKey(field) => $"spark.dynamicAllocation.{field}",
            _ => throw new ManifestEditException($"Unknown pod-side key '{key}'."),
        };
    }

    private static (string[] Path, FieldType Type)? ToKubeflowField(string confKey)
    {
        var parts = confKey.Split('.');
        switch (parts)
        {
            case ["spark", "driver" or "executor", var field] when RoleFields.ContainsKey(field) && (field != "instances" || parts[1] == "executor"):
                return ([parts[1], field], RoleFields[field]);
            case ["spark", "kubernetes", "driver" or "executor", "request" or "limit", "cores"]:
                return ([parts[2], parts[3] == "request" ? "coreRequest" : "coreLimit"], FieldType.String);
            case ["spark", "dynamicAllocation", var field] when DynamicAllocationFields.TryGetValue(field, out var type):
                return (["dynamicAllocation", field], type);
            default:
                return null;
        }
    }

    public static SourceNode? Lookup(SourceNode? node, IReadOnlyList<object> path)
    {
        foreach (var segment in path)
        {
            node = (node, segment) switch
            {
                ({ Kind: SourceNodeKind.Mapping } m, string key) => m.Get(key),
                ({ Kind: SourceNodeKind.Sequence } s, int index) when index < s.Items.Count => s.Items[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
