namespace SparkOptimizer.Dashboard.Views;

/// <summary>Totals for the fleet: apps, runs, spend and waste over all runs, spend per day over the span the runs cover, savings.</summary>
public sealed record FleetTotals(int Apps, int Runs, decimal? Spend, decimal? Waste, decimal? SpendPerDay, double CoreHours, string Currency)
{
    /// <summary>Sum over apps of the saving per run proposed for their last run.</summary>
    public decimal? SavingProposedPerRun { get; init; }

    /// <summary>The fleet's waste by cause (idle cores, driver-only time, …) over the priced runs that say it; with useful work it adds up to the spend of those runs.</summary>
    public IReadOnlyDictionary<string, decimal> WasteByCause { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Sum over apps of the saving per run verified after a merge (known only to catalogs with history).</summary>
    public decimal? SavingVerifiedPerRun { get; init; }
}
