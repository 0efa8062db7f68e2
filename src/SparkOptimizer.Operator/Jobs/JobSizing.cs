using k8s.Models;
using SparkOptimizer.Ingest;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// The size of a log as the parser will feel it, and the resources an analysis Job asks for. The parser's peak RSS grows with the
/// log (about 230 MB for 1 GB, docs/benchmarks.md), so: memory request = base + per-GiB x GiB, limit = factor x request;
/// CPU request = base + per-GiB x GiB (in steps of 100m), capped.
/// </summary>
public static class JobSizing
{
    private const double GiB = 1024d * 1024 * 1024;
    private static readonly string[] CompressedSuffixes = [".zstd", ".zst", ".lz4", ".snappy", ".lzf", ".gz"];

    /// <summary>Stored bytes, compressed parts scaled by the compression factor; null when a part's size is unknown.</summary>
    public static long? EffectiveBytes(EventLogInput input, double compressionFactor)
    {
        double total = 0;
        foreach (var part in input.Parts)
        {
            if (part.Length is not { } length)
            {
                return null;
            }

            var name = part.Name.EndsWith(".inprogress", StringComparison.OrdinalIgnoreCase) ? part.Name[..^".inprogress".Length] : part.Name;
            total += CompressedSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase)) ? length * compressionFactor : length;
        }

        return (long)total;
    }

    public static V1ResourceRequirements Resources(long? logBytes, JobOptions options)
    {
        var gib = (logBytes ?? 0) / GiB;
        var memory = RoundUp(options.BaseMemoryBytes + (long)(options.MemoryPerGiB * gib), 64L * 1024 * 1024);
        var limit = RoundUp((long)(memory * options.LimitFactor), 64L * 1024 * 1024);
        var cpu = Math.Min(options.MaxMilliCpu, options.BaseMilliCpu + (int)Math.Round(options.MilliCpuPerGiB * gib / 100, MidpointRounding.AwayFromZero) * 100);
        return new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity>
            {
                ["memory"] = new($"{memory / (1024 * 1024)}Mi"),
                ["cpu"] = new($"{cpu}m"),
            },
            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new($"{limit / (1024 * 1024)}Mi") },
        };
    }

    private static long RoundUp(long value, long unit) => (value + unit - 1) / unit * unit;
}
