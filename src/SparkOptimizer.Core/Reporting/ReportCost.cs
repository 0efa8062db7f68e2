namespace SparkOptimizer.Reporting;

/// <summary>
/// Seam for the cost model: the money lines of the report, each with its price source and date. Absent (null on the report)
/// until a price book prices the run; the writers then say so and show executor-hours and core-hours instead.
/// </summary>
public sealed record ReportCost(decimal CurrentPerRun, string Currency, string CurrentShape, string PriceSource, DateOnly PriceDate)
{
    public decimal? RecommendedPerRun { get; init; }

    public string? RecommendedShape { get; init; }

    public string Format(decimal amount) => Currency == "USD" ? $"${amount:0.00}" : $"{amount:0.00} {Currency}";
}
