namespace SparkOptimizer.Dashboard.Views;

/// <summary>Cores alive and cores busy (task time spread over its stage's window) at an offset from the run start.</summary>
public sealed record UtilisationSample(long AtMs, double AliveCores, double BusyCores);
