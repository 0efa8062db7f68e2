namespace SparkOptimizer.Dashboard.Catalog;

/// <summary>A recommendation merged at a point in time, drawn as a marker on the app's history.</summary>
public sealed record MergeMarker(DateTimeOffset MergedAt, string Title, string? Url = null);
