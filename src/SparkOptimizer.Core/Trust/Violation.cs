namespace SparkOptimizer.Trust;

/// <summary>One broken rule of an effective configuration, with the keys involved.</summary>
public sealed record Violation(string Rule, IReadOnlyList<string> Keys, string Message);
