namespace SparkOptimizer.Mcp;

/// <summary>The limits every MCP tool keeps, in one place: an assistant's context is small and a log can be huge.</summary>
public static class McpDefaults
{
    /// <summary>Version of every tool's output; bumped when a field is renamed or re-purposed (fields are only added otherwise).</summary>
    public const int SchemaVersion = 1;

    /// <summary>No tool answer is larger than this (UTF-16 characters of compact JSON, so about as many bytes).</summary>
    public const int MaxOutputChars = 20_000;

    public const int DefaultTopN = 5;

    public const int MaxTopN = 20;

    public const int EvidencePerFindingInSummary = 2;

    public const int MaxEvidence = 40;

    public const int MaxStagesExplained = 10;

    public const int MaxSqlExecutions = 5;

    public const int MaxListed = 20;

    public const int MaxConfDiff = 40;

    public const int MaxHistoryLogs = 100;

    /// <summary>How long one input may be read and analysed for a caller before it is stopped (a server thread is not held longer).</summary>
    public static readonly TimeSpan InputTimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>A cohort's latest runs read from the run history (the store's own default), paged from there.</summary>
    public const int MaxHistoryRuns = 500;

    public const int ShortText = 160;

    public const int LongText = 1_200;
}
