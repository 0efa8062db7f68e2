namespace SparkOptimizer.Cli;

/// <summary>An input given on the command line that yielded no application, and why (one line).</summary>
public sealed record FailedInput(string Input, string Reason);
