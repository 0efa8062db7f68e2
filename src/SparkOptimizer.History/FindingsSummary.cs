using SparkOptimizer.Analysis;

namespace SparkOptimizer.History;

/// <summary>Counts of a run's findings by severity and the title of the worst one: enough for fleet views and trends.</summary>
public sealed record FindingsSummary(int Critical, int Severe, int Moderate, int Low, Severity Worst, string? WorstTitle)
{
    public static FindingsSummary Empty { get; } = new(0, 0, 0, 0, Severity.None, null);

    public int Total => Critical + Severe + Moderate + Low;

    public static FindingsSummary From(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var worst = findings.Where(f => f.Severity > Severity.None).OrderByDescending(f => f.Severity).FirstOrDefault();
        return new FindingsSummary(
            findings.Count(f => f.Severity == Severity.Critical),
            findings.Count(f => f.Severity == Severity.Severe),
            findings.Count(f => f.Severity == Severity.Moderate),
            findings.Count(f => f.Severity == Severity.Low),
            worst?.Severity ?? Severity.None,
            worst?.Title);
    }
}
