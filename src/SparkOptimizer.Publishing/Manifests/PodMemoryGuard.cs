using System.Globalization;

namespace SparkOptimizer.Publishing.Manifests;

/// <summary>
/// Keeps a pod template's container memory limit able to hold what Spark will ask for after a change:
/// heap + overhead (explicit, or max(384 MiB, factor x heap), factor 0.1, 0.4 for Python/R) + off-heap + PySpark memory.
/// When the limit would be too small it is raised, and the edit says why.
/// </summary>
internal static class PodMemoryGuard
{
    private const long MinOverhead = 384 * MemoryQuantity.MiB;


    public static IEnumerable<string> TouchedRoles(IEnumerable<AppliedEdit> edits)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            var key = FieldMap.ToSparkConfKey(edit.Key);
            foreach (var role in new[] { "driver", "executor" })
            {
                if (key is var k && (k == $"spark.{role}.memory" || k == $"spark.{role}.memoryOverhead" || k == $"spark.{role}.memoryOverheadFactor" || k == $"spark.{role}.pyspark.memory"))
                {
                    roles.Add(role);
                }
            }

            if (key.StartsWith("spark.memory.offHeap.", StringComparison.Ordinal) || key == "spark.kubernetes.memoryOverheadFactor")
            {
                roles.Add("executor");
            }
        }

        return roles;
    }

    public static PodLimitRaise? Check(ManifestFlavor flavor, SourceNode root, string role)
    {
        if (PodTemplates.ContainerPath(flavor, root, role) is not { } containerPath)
        {
            return null;
        }

        object[] limitPath = [.. containerPath, "resources", "limits", "memory"];
        if (FieldMap.Lookup(root, limitPath) is not { Kind: SourceNodeKind.Scalar } limitNode || MemoryQuantity.ParseKubernetes(limitNode.Value) is not { } limit)
        {
            return null;
        }

        var (heap, overhead, extra) = Required(flavor, root, role);
        var need = heap + overhead + extra;
        if (limit >= need)
        {
            return null;
        }

        var newLimit = MemoryQuantity.FormatKubernetes(need, limitNode.Value);
        var reason = $"The {role} pod template's memory limit {limitNode.Value} could not hold heap {MemoryQuantity.Describe(heap)} + overhead {MemoryQuantity.Describe(overhead)}"
            + (extra > 0 ? $" + off-heap/PySpark {MemoryQuantity.Describe(extra)}" : string.Empty)
            + $" after this change; raised to {newLimit}.";
        return new PodLimitRaise($"{role}.podTemplate.memoryLimit", new FieldTarget(limitPath, FieldType.Quantity), newLimit, reason);
    }

    private static (long Heap, long Overhead, long Extra) Required(ManifestFlavor flavor, SourceNode root, string role)
    {
        var spec = FieldMap.SpecPath(flavor);
        string? Conf(string key) => PodTemplates.Conf(flavor, root, key);
        string? Typed(params string[] path) => PodTemplates.Typed(flavor, root, path);

        var heap = MemoryQuantity.ParseSpark(Typed(role, "memory") ?? Conf($"spark.{role}.memory") ?? "1g") ?? 1024 * MemoryQuantity.MiB;
        var nonJvm = flavor == ManifestFlavor.Apache
            ? FieldMap.Lookup(root, [.. spec, "pyFiles"]) is not null
            : Typed("type") is "Python" or "R";
        var factorText = Conf($"spark.{role}.memoryOverheadFactor") ?? Typed("memoryOverheadFactor") ?? Conf("spark.kubernetes.memoryOverheadFactor");
        var factor = double.TryParse(factorText, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : nonJvm ? 0.4 : 0.1;
        var overhead = MemoryQuantity.ParseSpark(Typed(role, "memoryOverhead") ?? Conf($"spark.{role}.memoryOverhead"))
            ?? Math.Max(MinOverhead, (long)(factor * heap));
        long extra = 0;
        if (role == "executor")
        {
            if (string.Equals(Conf("spark.memory.offHeap.enabled"), "true", StringComparison.OrdinalIgnoreCase))
            {
                extra += MemoryQuantity.ParseSpark(Conf("spark.memory.offHeap.size"), 1) ?? 0;
            }

            extra += MemoryQuantity.ParseSpark(Conf("spark.executor.pyspark.memory")) ?? 0;
        }

        return (heap, overhead, extra);
    }
}
