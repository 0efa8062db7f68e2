namespace SparkOptimizer.Pricing;

/// <summary>Whether reserving the app's nodes pays for itself at its schedule: break-even is the share of a month the nodes are busy.</summary>
public sealed record ReservedCapacitySuggestion(
    bool Recommended,
    double RunsPerMonth,
    double NodeHoursPerMonth,
    double BusyShareOfMonth,
    double BreakEvenShare,
    Money? MonthlyOnDemand,
    Money? MonthlySavings,
    string Advice);
