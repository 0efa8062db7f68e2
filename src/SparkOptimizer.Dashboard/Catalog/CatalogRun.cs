namespace SparkOptimizer.Dashboard.Catalog;

/// <summary>One run in a catalog: a stable id (used in URLs), the app it belongs to, and when it started.</summary>
public sealed record CatalogRun(string Id, string AppKey, string AppName, DateTimeOffset? StartTime);
