namespace SparkOptimizer.Dashboard.Views;

/// <summary>The fleet page's data.</summary>
public sealed record FleetView(IReadOnlyList<FleetRow> Rows, FleetTotals Totals);
