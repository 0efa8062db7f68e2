namespace SparkOptimizer.Model;

/// <summary>How completely a log was read: ok, partial (truncated, corrupt block, missing end or part), or failed.</summary>
public enum ReadStatus
{
    Ok,
    Partial,
    Failed,
}
