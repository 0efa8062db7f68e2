namespace SparkOptimizer.Operator.Processing;

/// <summary>One cause of waste in a run's cost (its name as the reports say it, e.g. "idle cores") and its money.</summary>
public sealed record WasteAmount(string Cause, double Amount);
