using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>
/// The cost of one run: its price (with source and date): from the node's price where it is known, else at OpenCost's
/// default rates, or (pricing off) only executor- and core-hours; where the node type, worker count and Databricks SKU
/// came from; utilisation; waste by cause; the right-sized shape; spot suitability; and a reserved-capacity suggestion.
/// </summary>
public sealed record CostReport(
    Money? Cost,
    PriceSource? Source,
    string? InstanceType,
    Platform Platform,
    CapacityType Capacity,
    string Method,
    RunFootprint Footprint,
    ResourceRates? Rates,
    IReadOnlyList<WasteItem> Waste,
    RightSizing? RightSizing,
    SpotSuitability Spot,
    ReservedCapacitySuggestion? Reserved,
    IReadOnlyList<string> Notes)
{
    public CostBasis Basis { get; init; } = CostBasis.PriceBook;

    /// <summary>Where the instance type came from: a property key, the options, or a fallback.</summary>
    public string? InstanceTypeSource { get; init; }

    /// <summary>Worker nodes paid for on node-billed platforms, and where the count came from.</summary>
    public int? Workers { get; init; }

    public string? WorkersSource { get; init; }

    public string? DriverInstanceType { get; init; }

    public string? DriverInstanceTypeSource { get; init; }

    /// <summary>The Databricks SKU the DBUs were priced at, and why (a cluster tag, the options, or the default).</summary>
    public string? DatabricksSku { get; init; }

    public string? DatabricksSkuSource { get; init; }

    /// <summary>Set when the DBUs were priced as Photon's: the property (or option) that says the cluster runs Photon.</summary>
    public string? DatabricksPhotonSource { get; init; }

    /// <summary>The OpenCost rates the run was priced at, when <see cref="Basis"/> is <see cref="CostBasis.OpenCostDefaultRates"/>.</summary>
    public OpenCostRates? DefaultRates { get; init; }

    /// <summary>Core-hours and GiB-hours the pods were charged for (executors and driver, max(request, usage)), when pods were priced.</summary>
    public double? PricedCoreHours { get; init; }

    public double? PricedGiBHours { get; init; }

    /// <summary>Runs of the cohort that <see cref="Spot"/> and <see cref="Reserved"/> were judged on (1: this run alone), and how often it runs.</summary>
    public int CohortRuns { get; init; } = 1;

    public double? RunsPerDay { get; init; }

    public double ExecutorHours => Footprint.ExecutorHours;

    public double CoreHours => Footprint.CoreHours;

    public double Utilisation => Footprint.Utilisation;

    /// <summary>The cost less every cause of waste: with <see cref="Waste"/> it adds up to <see cref="Cost"/> (to the 4th decimal).</summary>
    public Money? UsefulCost { get; init; }

    public Money? TotalWaste => Cost is { } c ? Waste.Where(w => w.Cost is not null).Aggregate(Money.Zero(c.Currency), (sum, w) => sum + w.Cost!.Value) : null;

    /// <summary>The report's "Cost:" line: money with its source, or the hours when pricing is off.</summary>
    public string Summary() => (Cost, DefaultRates) switch
    {
        ({ } cost, { } r) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cost} (OpenCost default rates: {Rates?.PerCoreHour ?? r.CpuHourly}/vCPU-hour, {Rates?.PerGiBHour ?? r.RamGiBHourly}/GiB-hour; set the instance type for your node price)"),
        ({ } cost, null) => $"{cost.Round()} ({InstanceType}, {Capacity}, {Source})",
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ExecutorHours:0.##} executor-hours, {CoreHours:0.##} core-hours (not priced)"),
    };
}
