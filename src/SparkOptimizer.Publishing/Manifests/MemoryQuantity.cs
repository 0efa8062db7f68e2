using System.Globalization;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Publishing.Manifests;

/// <summary>Memory sizes in the two spellings a manifest uses: Spark's (<c>512m</c>, <c>2g</c>) and Kubernetes quantities (<c>512Mi</c>, <c>1G</c>).</summary>
internal static partial class MemoryQuantity
{
    public const long MiB = 1024 * 1024;

    /// <summary>Spark's byte strings; a bare number is in <paramref name="defaultUnitBytes"/> (MiB for <c>spark.executor.memory</c>).</summary>
    public static long? ParseSpark(string? text, long defaultUnitBytes = MiB)
    {
        if (text is null)
        {
            return null;
        }

        var m = SparkPattern().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var number = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups[2].Value.ToLowerInvariant().TrimEnd('b');
        return unit switch
        {
            "" => number * defaultUnitBytes,
            "k" => number * 1024,
            "m" => number * MiB,
            "g" => number * MiB * 1024,
            "t" => number * MiB * 1024 * 1024,
            _ => null,
        };
    }

    /// <summary>Kubernetes resource quantities (binary and decimal suffixes; a bare number is bytes).</summary>
    public static long? ParseKubernetes(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var m = KubernetesPattern().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var number = decimal.Parse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        decimal factor = m.Groups[2].Value switch
        {
            "" => 1m,
            "Ki" => 1024m,
            "Mi" => MiB,
            "Gi" => MiB * 1024m,
            "Ti" => MiB * 1024m * 1024m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "m" => 0.001m,
            _ => 0m,
        };
        return factor == 0m ? null : (long)Math.Ceiling(number * factor);
    }

    /// <summary>Writes bytes as a Kubernetes quantity in the unit of <paramref name="like"/> when it divides evenly, else whole MiB.</summary>
    public static string FormatKubernetes(long bytes, string like)
    {
        var mib = (bytes + MiB - 1) / MiB;
        return like.Trim().EndsWith("Gi", StringComparison.Ordinal) && mib % 1024 == 0
            ? $"{(mib / 1024).ToString(CultureInfo.InvariantCulture)}Gi"
            : $"{mib.ToString(CultureInfo.InvariantCulture)}Mi";
    }

    public static string Describe(long bytes) => $"{((bytes + MiB - 1) / MiB).ToString(CultureInfo.InvariantCulture)} MiB";

    [GeneratedRegex(@"^([0-9]+)\s*([kKmMgGtT][bB]?)?$")]
    private static partial Regex SparkPattern();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?(?:[eE][0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$")]
    private static partial Regex KubernetesPattern();
}
