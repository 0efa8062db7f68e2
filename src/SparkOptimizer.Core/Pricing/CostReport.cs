using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>
/// The cost of one run: its price (with source and date) or, where no price is known, only executor- and core-hours;
/// utilisation; waste by cause; the right-sized shape; spot suitability; and a reserved-capacity suggestion.
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
    public double ExecutorHours => Footprint.ExecutorHours;

    public double CoreHours => Footprint.CoreHours;

    public double Utilisation => Footprint.Utilisation;

    public Money? TotalWaste => Cost is { } c ? Waste.Where(w => w.Cost is not null).Aggregate(Money.Zero(c.Currency), (sum, w) => sum + w.Cost!.Value) : null;

    /// <summary>The report's "Cost:" line: money with its source, or the hours when no price is known.</summary>
    public string Summary() => Cost is { } cost
        ? $"{cost.Round()} ({InstanceType}, {Capacity}, {Source})"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ExecutorHours:0.##} executor-hours, {CoreHours:0.##} core-hours (no price known: set the instance type)");
}
