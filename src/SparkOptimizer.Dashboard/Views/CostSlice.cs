namespace SparkOptimizer.Dashboard.Views;

/// <summary>One slice of the cost breakdown: a cause (or "used"), its core-hours and GiB-hours, its money when priced.</summary>
public sealed record CostSlice(string Cause, double CoreHours, double GiBHours, decimal? Cost, double Share, string Explanation);
