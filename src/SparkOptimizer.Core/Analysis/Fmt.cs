using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>Numbers for evidence lines, always with their unit and in one culture.</summary>
public static class Fmt
{
    public static string Bytes(double bytes) => ByteSize.Format((long)Math.Round(bytes));

    public static string Ms(double ms) => Math.Abs(ms) switch
    {
        >= 3_600_000 => (ms / 3_600_000).ToString("0.#", CultureInfo.InvariantCulture) + " h",
        >= 120_000 => (ms / 60_000).ToString("0.#", CultureInfo.InvariantCulture) + " min",
        >= 1000 => (ms / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " s",
        _ => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
    };

    public static string Pct(double share)
    {
        var p = share * 100;
        return (Math.Abs(p) >= 10 || p == Math.Round(p) ? p.ToString("0", CultureInfo.InvariantCulture) : p.ToString("0.#", CultureInfo.InvariantCulture)) + "%";
    }

    public static string X(double ratio) => "x" + ratio.ToString(ratio >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);

    public static string N(double n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The first line of a free text (a failure reason, a plan node), cut to <paramref name="max"/> characters with "...".</summary>
    public static string FirstLine(string text, int max)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > max ? line[..max] + "..." : line;
    }

    public static string D(double n) => n.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Stage evidence in the report's shape: "Stage 5: ...".</summary>
    public static string Stage(StageInfo stage, string text) => stage.AttemptId == 0 ? $"Stage {stage.StageId}: {text}" : $"Stage {stage.StageId} (attempt {stage.AttemptId}): {text}";

    public static string Stages(IEnumerable<int> ids)
    {
        var list = ids.Distinct().Order().ToArray();
        return list.Length <= 6 ? string.Join(", ", list) : string.Join(", ", list.Take(6)) + $" and {list.Length - 6} more";
    }
}
