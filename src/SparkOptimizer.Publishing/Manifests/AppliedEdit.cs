namespace SparkOptimizer.Publishing.Manifests;

/// <summary>One value the editor wrote: the recommendation key, the manifest field, the old and new values, and why.</summary>
public sealed record AppliedEdit(string Key, string Field, string? From, string To, string Reason);
