using System.Globalization;

namespace SparkOptimizer.Model;

/// <summary>A size in bytes, parsed and printed the way Spark writes sizes ("4g", "512m", "100MB").</summary>
public readonly record struct ByteSize(long Bytes) : IComparable<ByteSize>
{
    public const long KiB = 1024;
    public const long MiB = 1024 * KiB;
    public const long GiB = 1024 * MiB;
    public const long TiB = 1024 * GiB;

    public static ByteSize FromMiB(double mib) => new((long)Math.Round(mib * MiB));

    public double TotalMiB => Bytes / (double)MiB;

    public double TotalGiB => Bytes / (double)GiB;

    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    /// <summary>Parses Spark's size strings; a bare number is taken in <paramref name="defaultUnit"/> bytes (Spark reads executor memory in MiB).</summary>
    public static bool TryParse(string? text, out ByteSize size, long defaultUnit = 1)
    {
        size = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        var i = 0;
        while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
        {
            i++;
        }

        if (i == 0 || !double.TryParse(s.AsSpan(0, i), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = s[i..].Trim();
        long multiplier = unit switch
        {
            "" => defaultUnit,
            "b" => 1,
            "k" or "kb" or "ki" or "kib" => KiB,
            "m" or "mb" or "mi" or "mib" => MiB,
            "g" or "gb" or "gi" or "gib" => GiB,
            "t" or "tb" or "ti" or "tib" => TiB,
            _ => -1,
        };
        if (multiplier < 0)
        {
            return false;
        }

        size = new ByteSize((long)Math.Round(number * multiplier));
        return true;
    }

    /// <summary>Spark conf form: whole GiB as "8g", else whole MiB as "1536m".</summary>
    public string ToSparkString()
    {
        if (Bytes > 0 && Bytes % GiB == 0)
        {
            return (Bytes / GiB).ToString(CultureInfo.InvariantCulture) + "g";
        }

        var mib = (long)Math.Ceiling(Bytes / (double)MiB);
        return mib.ToString(CultureInfo.InvariantCulture) + "m";
    }

    /// <summary>Kubernetes quantity form ("8Gi", "1536Mi").</summary>
    public string ToKubernetesString()
    {
        if (Bytes > 0 && Bytes % GiB == 0)
        {
            return (Bytes / GiB).ToString(CultureInfo.InvariantCulture) + "Gi";
        }

        return ((long)Math.Ceiling(Bytes / (double)MiB)).ToString(CultureInfo.InvariantCulture) + "Mi";
    }

    public override string ToString() => Format(Bytes);

    /// <summary>Human form with binary units: "1.5 GiB".</summary>
    public static string Format(long bytes)
    {
        var abs = Math.Abs((double)bytes);
        return abs switch
        {
            >= TiB => (bytes / (double)TiB).ToString("0.#", CultureInfo.InvariantCulture) + " TiB",
            >= GiB => (bytes / (double)GiB).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
            >= MiB => (bytes / (double)MiB).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
            >= KiB => (bytes / (double)KiB).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
            _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        };
    }
}
