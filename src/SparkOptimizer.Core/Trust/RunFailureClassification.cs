namespace SparkOptimizer.Trust;

/// <summary>A run's failure class, whether memory was the cause, and the evidence that decided it.</summary>
public sealed record RunFailureClassification(RunFailureClass Class, bool MemoryFailure, IReadOnlyList<string> Evidence)
{
    /// <summary>Infrastructure runs never tune conf.</summary>
    public bool MayTuneConf => Class != RunFailureClass.Infrastructure;
}
