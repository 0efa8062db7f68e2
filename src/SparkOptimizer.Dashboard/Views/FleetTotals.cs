namespace SparkOptimizer.Dashboard.Views;

/// <summary>Totals for the fleet: apps, runs, spend and waste over all runs, and spend per day over the span the runs cover.</summary>
public sealed record FleetTotals(int Apps, int Runs, decimal? Spend, decimal? Waste, decimal? SpendPerDay, double CoreHours, string Currency);
