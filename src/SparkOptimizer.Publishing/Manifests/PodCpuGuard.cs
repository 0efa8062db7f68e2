using System.Globalization;

namespace SparkOptimizer.Publishing.Manifests;

/// <summary>
/// Keeps a pod template's CPU limit at or above the CPU request Spark will set after a change (a request above the
/// limit makes the pod invalid). Only when no limit is configured through Spark (<c>spark.kubernetes.{role}.limit.cores</c>,
/// Kubeflow <c>coreLimit</c>): then Spark leaves the template's limit as it is.
/// </summary>
internal static class PodCpuGuard
{
    public static IEnumerable<string> TouchedRoles(IEnumerable<AppliedEdit> edits)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in edits.Select(e => FieldMap.ToSparkConfKey(e.Key)))
        {
            foreach (var role in new[] { "driver", "executor" })
            {
                if (key == $"spark.{role}.cores" || key == $"spark.kubernetes.{role}.request.cores")
                {
                    roles.Add(role);
                }
            }
        }

        return roles;
    }

    public static PodLimitRaise? Check(ManifestFlavor flavor, SourceNode root, string role)
    {
        if (PodTemplates.ContainerPath(flavor, root, role) is not { } containerPath
            || PodTemplates.Conf(flavor, root, $"spark.kubernetes.{role}.limit.cores") is not null
            || PodTemplates.Typed(flavor, root, role, "coreLimit") is not null)
        {
            return null;
        }

        object[] limitPath = [.. containerPath, "resources", "limits", "cpu"];
        if (FieldMap.Lookup(root, limitPath) is not { Kind: SourceNodeKind.Scalar } limitNode || Millicores(limitNode.Value) is not { } limit)
        {
            return null;
        }

        var requestText = PodTemplates.Conf(flavor, root, $"spark.kubernetes.{role}.request.cores")
            ?? PodTemplates.Typed(flavor, root, role, "coreRequest")
            ?? PodTemplates.Typed(flavor, root, role, "cores")
            ?? PodTemplates.Conf(flavor, root, $"spark.{role}.cores")
            ?? "1";
        if (Millicores(requestText) is not { } request || request <= limit)
        {
            return null;
        }

        var newLimit = request % 1000 == 0 ? (request / 1000).ToString(CultureInfo.InvariantCulture) : $"{request.ToString(CultureInfo.InvariantCulture)}m";
        return new PodLimitRaise($"{role}.podTemplate.cpuLimit", new FieldTarget(limitPath, FieldType.Quantity), newLimit,
            $"The {role} pod template's CPU limit {limitNode.Value} would be below the CPU request {requestText} after this change; raised to {newLimit}.");
    }

    /// <summary>CPU quantities: "2", "0.5", "1500m".</summary>
    public static long? Millicores(string text)
    {
        text = text.Trim();
        if (text.EndsWith('m') && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var milli))
        {
            return milli;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cores) ? (long)Math.Ceiling(cores * 1000) : null;
    }
}
