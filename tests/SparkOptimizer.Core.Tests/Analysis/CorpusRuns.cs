using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis;

/// <summary>Every readable run of the corpus (tests/corpus), read once per test process (the corpus is ~100 MB decoded).</summary>
internal static class CorpusRuns
{
    private static readonly Lazy<IReadOnlyList<(string Path, SparkRun Run)>> Runs = new(Load);

    public static IReadOnlyList<(string Path, SparkRun Run)> All => Runs.Value;

    public static SparkRun Read(string relative) => PlantedLog.Read(Corpus.Path(relative));

    /// <summary>A run from the already-read corpus (cheap for the big logs).</summary>
    public static SparkRun Get(string relative)
    {
        var full = Path.GetFullPath(Corpus.Path(relative));
        // Zip members are named "<archive>!<member>".
        return All.First(r => r.Path == full || r.Path.StartsWith(full + "!", StringComparison.Ordinal)).Run;
    }

    private static List<(string Path, SparkRun Run)> Load()
    {
        var runs = new List<(string, SparkRun)>();
        var reader = new EventLogReader();
        foreach (var input in new LocalEventLogLocator().Locate(Corpus.EventLogs))
        {
            if (input.Parts.Count == 0)
            {
                continue;
            }

            try
            {
                runs.Add((input.Path, reader.Read(input)));
            }
            catch (EventLogFormatException)
            {
                // Not an event log (a driver log, an empty file): the ingest tests cover those.
            }
        }

        return runs;
    }
}
