using System.IO.Compression;
using System.Text;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest;

public sealed class ZipEventLogArchiveTests
{
    private const string Log = "sparklint/spark_event_log_example";

    [Fact]
    public void Locate_ZipOfTwoThousandFiveHundredEntriesReadEach_OpensTheArchiveOnce()
    {
        using var dir = new TempDir();
        var zip = Write(dir, 2_500);
        var archive = new ZipEventLogArchive(zip, DecompressionLimits.Default);

        var inputs = archive.Locate();
        var texts = inputs.SelectMany(i => i.Parts).Select(ReadAll).ToList();

        inputs.Should().HaveCount(2_500);
        texts.Should().HaveCount(2_500);
        archive.ArchiveOpens.Should().Be(1, "every entry is read from the one archive opened to list them, not by reopening it (N x N)");
        new EventLogReader().Read(inputs.Single(i => !i.Path.Contains("!pad/", StringComparison.Ordinal))).Source.Events.Should().BeGreaterThan(0);
        inputs.SelectMany(i => i.Parts).Skip(1).Select(ReadAll).Should().HaveCount(2_499);
        archive.ArchiveOpens.Should().Be(2, "once every part was read the archive was closed; a second pass opens it once again");
    }

    [Fact]
    public void Locate_EntriesReadOnFourThreadsAtOnce_EachGetsItsOwnBytes()
    {
        using var dir = new TempDir();
        var zip = Write(dir, 400);
        var archive = new ZipEventLogArchive(zip, DecompressionLimits.Default);
        var parts = archive.Locate().SelectMany(i => i.Parts).Where(p => p.Name.Contains("!pad/", StringComparison.Ordinal)).ToArray();

        var read = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        Parallel.ForEach(parts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p => read[p.Name] = ReadAll(p));

        read.Should().HaveCount(399);
        read.Should().OnlyContain(r => r.Value == Content(Number(r.Key)), "the entries share the archive's file position, so reads are serialised");
        archive.ArchiveOpens.Should().Be(1);
    }

    // a log and n - 1 small entries in one folder, each holding its own number many times over (so it inflates in several reads)
    private static string Write(TempDir dir, int entries)
    {
        var path = dir.File("many.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        zip.CreateEntryFromFile(Corpus.Path(Log), "eventlog");
        for (var i = 0; i < entries - 1; i++)
        {
            using var writer = new StreamWriter(zip.CreateEntry($"pad/{i}.txt").Open());
            writer.Write(Content(i));
        }

        return path;
    }

    private static string Content(int i) => string.Concat(Enumerable.Repeat($"{i};", 5_000));

    private static int Number(string partName) => int.Parse(partName[(partName.LastIndexOf('/') + 1)..^".txt".Length], System.Globalization.CultureInfo.InvariantCulture);

    private static string ReadAll(EventLogPart part)
    {
        using var stream = part.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
