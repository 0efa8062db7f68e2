using System.Globalization;
using System.Text;

namespace SparkOptimizer.Testing.Prometheus;

/// <summary>Builds OpenMetrics text for promtool backfill: families grouped, samples in time order, "# EOF" at the end.</summary>
public sealed class OpenMetricsWriter
{
    private readonly Dictionary<string, (string Type, List<string> Lines)> _families = new(StringComparer.Ordinal);

    /// <summary>Adds one series; for counters pass the family name without _total and the samples are written as name_total.</summary>
    public OpenMetricsWriter Series(string family, string type, IReadOnlyDictionary<string, string> labels, IEnumerable<(DateTimeOffset Time, double Value)> samples)
    {
        if (!_families.TryGetValue(family, out var f))
        {
            _families[family] = f = (type, []);
        }

        var name = type == "counter" ? family + "_total" : family;
        var labelText = string.Join(",", labels.Select(kv => $"{kv.Key}=\"{kv.Value}\""));
        foreach (var (time, value) in samples.OrderBy(s => s.Time))
        {
            f.Lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name}{{{labelText}}} {value:R} {time.ToUnixTimeSeconds()}"));
        }

        return this;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (family, (type, lines)) in _families)
        {
            sb.Append("# TYPE ").Append(family).Append(' ').Append(type).Append('\n');
            foreach (var line in lines)
            {
                sb.Append(line).Append('\n');
            }
        }

        sb.Append("# EOF\n");
        return sb.ToString();
    }
}
