using Microsoft.Data.Sqlite;
using SparkOptimizer.History;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Cli.Commands;

/// <summary>`analyze --history FILE`: records each report in a local SQLite run history, cohort = app name without its timestamp.</summary>
internal static class AnalyzeHistory
{
    /// <summary>Records the reports; false (with a one-line error) when the store cannot be opened or written.</summary>
    public static bool Record(IReadOnlyList<RunReport> reports, FileInfo file, TextWriter stderr)
    {
        try
        {
            return RecordAsync(reports, file, stderr).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: --history {file.FullName}: {ex.Message}");
            return false;
        }
    }

    private static async Task<bool> RecordAsync(IReadOnlyList<RunReport> reports, FileInfo file, TextWriter stderr)
    {
        await using var store = await SqliteRunHistoryStore.OpenAsync(file.FullName).ConfigureAwait(false);
        var added = 0;
        foreach (var report in reports)
        {
            var record = RunRecord.From(report, CohortName.FromAppName(report.JobName), null, null);
            if (await store.RecordAsync(record).ConfigureAwait(false))
            {
                added++;
            }
        }

        var kept = reports.Count - added;
        stderr.WriteLine($"history: recorded {added} run(s) in {file.FullName}" + (kept > 0 ? $" ({kept} already there)" : string.Empty));
        return true;
    }
}
