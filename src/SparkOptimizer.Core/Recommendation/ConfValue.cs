using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>Compares conf values the way Spark reads them: sizes as bytes, numbers as numbers, the rest case-insensitively.</summary>
public static class ConfValue
{
    public static double? Number(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        return ByteSize.TryParse(value, out var b) ? b.Bytes : null;
    }

    /// <summary>Sizes for executor and driver memory keys are read in MiB when bare.</summary>
    public static long? Bytes(string? value, long defaultUnit = ByteSize.MiB) => ByteSize.TryParse(value, out var b, defaultUnit) ? b.Bytes : null;

    public static bool Same(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A bare number is not comparable with a size ("256" MiB vs "256m"), so only compare when both carry units or both are plain.
        var aUnit = a.Trim().Any(char.IsLetter);
        var bUnit = b.Trim().Any(char.IsLetter);
        return aUnit == bUnit && Number(a) is { } x && Number(b) is { } y && Math.Abs(x - y) < 1e-9;
    }

    public static string Describe(Analysis.ConfigChange change)
    {
        var from = change.From;
        if (from is null)
        {
            return $"Set {change.Key}={change.To}";
        }

        var verb = Number(from) is { } f && Number(change.To) is { } t && from.Trim().Any(char.IsLetter) == change.To.Trim().Any(char.IsLetter)
            ? t > f ? "Increase" : t < f ? "Decrease" : "Set"
            : "Change";
        return $"{verb} {change.Key} from {from} to {change.To}";
    }
}
