namespace SparkOptimizer.Pricing;

/// <summary>One cause of waste: core-hours or GiB-hours lost, its money when the run is priced, and its share of the paid total.</summary>
public sealed record WasteItem(WasteCause Cause, double CoreHours, double GiBHours, Money? Cost, double Share, string Explanation);
