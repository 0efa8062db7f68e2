namespace SparkOptimizer.Operator.Processing;

/// <summary>A finding summarised for status; <paramref name="Severity"/> is critical, severe, moderate or low.</summary>
public sealed record TopFinding(string Severity, string Title, string? Evidence = null);
