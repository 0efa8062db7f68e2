using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest.Sources;

/// <summary>The real logs uploaded to each emulator, in each of the layouts a source must recognise, and the local reading they must match.</summary>
internal static class SourceCorpus
{
    public const string SingleFile = "sparklens/local-1532512550423";
    public const string Compressed = "reencoded/application_1603128018386_7756.lz4";
    public const string Rolling = "reencoded/eventlog_v2_application_1603128018386_7846";
    public const string Databricks = "spark-rapids-tools/spark-events-qualification/db_sim_eventlog";

    public static readonly string[] All = [SingleFile, Compressed, Rolling, Databricks];

    /// <summary>(key under the prefix, local file) for every file of a corpus entry: a folder keeps its name as a key folder.</summary>
    public static IEnumerable<(string Key, string File)> Files(string entry)
    {
        var path = Corpus.Path(entry);
        var name = Path.GetFileName(path);
        if (File.Exists(path))
        {
            return [(name, path)];
        }

        return Directory.GetFiles(path).Order(StringComparer.Ordinal).Select(f => ($"{name}/{Path.GetFileName(f)}", f));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<SparkRun>> LocalRuns = new(StringComparer.Ordinal);

    /// <summary>The local reading of a corpus entry, read once per test run (the remote readings are what is under test).</summary>
    public static SparkRun ReadLocal(string entry) =>
        LocalRuns.GetOrAdd(entry, e => new Lazy<SparkRun>(() => new EventLogReader().Read(new LocalEventLogLocator().Locate(Corpus.Path(e)).Single()))).Value;

    /// <summary>Asserts that the remote inputs are exactly the corpus entries and that each reads to the same run as the local copy.</summary>
    public static void ShouldMatchLocal(IReadOnlyList<EventLogInput> remote, params string[] entries)
    {
        remote.Should().HaveCount(entries.Length);
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            var input = remote.Single(i => i.Path.EndsWith("/" + name, StringComparison.Ordinal) || i.Path.EndsWith("!" + name, StringComparison.Ordinal));
            var local = ReadLocal(entry);
            var run = new EventLogReader().Read(input);
            run.Application.Id.Should().Be(local.Application.Id, entry);
            run.Totals.Should().BeEquivalentTo(local.Totals, entry);
            run.Stages.Should().HaveCount(local.Stages.Count, entry);
            run.Executors.Should().HaveCount(local.Executors.Count, entry);
            run.Source.Events.Should().Be(local.Source.Events, entry);
            input.Parts.Should().HaveCount(new LocalEventLogLocator().Locate(Corpus.Path(entry)).Single().Parts.Count, entry);
        }
    }
}
