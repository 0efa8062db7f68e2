using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest;

/// <summary>An application's event log as found by a locator: its parts in reading order and what was odd about them.</summary>
public sealed record EventLogInput(string Path, string Layout, IReadOnlyList<EventLogPart> Parts, IReadOnlyList<IngestWarning> Warnings)
{
    public bool InProgress => Parts.Count > 0 && Parts[^1].Name.EndsWith(".inprogress", StringComparison.OrdinalIgnoreCase);
}
