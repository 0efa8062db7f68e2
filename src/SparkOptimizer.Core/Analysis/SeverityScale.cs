namespace SparkOptimizer.Analysis;

/// <summary>Maps a metric onto the five severities through four thresholds, ascending (higher is worse) or descending (lower is worse).</summary>
public static class SeverityScale
{
    public static Severity Rate(IReadOnlyList<double> levels, double value)
    {
        if (levels.Count != 4 || double.IsNaN(value))
        {
            return Severity.None;
        }

        var descending = levels[0] > levels[3];
        var result = Severity.None;
        for (var i = 0; i < 4; i++)
        {
            var reached = descending ? value <= levels[i] : value >= levels[i];
            if (reached)
            {
                result = (Severity)(i + 1);
            }
        }

        return result;
    }

    public static Severity Min(Severity a, Severity b) => a < b ? a : b;

    public static Severity Max(Severity a, Severity b) => a > b ? a : b;
}
