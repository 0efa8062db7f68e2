namespace SparkOptimizer.Simulation;

/// <summary>The result of a configuration search: the cheapest candidate that met the SLA (null when none did), and every candidate evaluated, cheapest first.</summary>
public sealed record SearchOutcome(SearchCandidate? Best, IReadOnlyList<SearchCandidate> Evaluated);
