using System.Diagnostics;
using SparkOptimizer.Ingest;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest;

/// <summary>Mutations of real logs (fixed seed, bounded time): the engine yields a report or a format error, never anything else.</summary>
public sealed class EventLogFuzzTests
{
    private static readonly string[] Seeds =
    [
        "sparklens/local-1532512550423",
        HostileLog.Taxi,
        "spark-rapids-tools/spark-events-profiling/eventlog_dsv1.zstd",
        "reencoded/application_1603128018386_7756.lz4",
        "reencoded/local-1621955976602.snappy",
        "reencoded/local-1619631016646.lzf",
        "spark_log_parser/databricks.json.gz",
        "sparklint/history_source/eventLogs-application_1489705648216_1600.zip",
    ];

    [Fact]
    public void Analyze_MutatedRealLogs_NeverThrowsAnythingButFormatErrors()
    {
        var random = new Random(20261127);
        var budget = Stopwatch.StartNew();
        var pipeline = new AnalysisPipeline();
        var originals = Seeds.Select(s => (Name: Path.GetFileName(s), Bytes: File.ReadAllBytes(Corpus.Path(s)))).ToArray();
        using var dir = new TempDir();
        var iterations = 0;
        var reports = 0;
        var errors = 0;
        while (budget.Elapsed < TimeSpan.FromSeconds(8) || iterations < 2 * originals.Length)
        {
            var (name, bytes) = originals[iterations % originals.Length];
            var mutated = Mutate(bytes, random);
            var file = dir.File($"{iterations}-{name}");
            File.WriteAllBytes(file, mutated);
            try
            {
                foreach (var input in new LocalEventLogLocator().Locate(file))
                {
                    if (input.Parts.Count == 0)
                    {
                        continue;
                    }

                    try
                    {
                        var report = pipeline.Analyze(input);
                        report.Run.Should().NotBeNull();
                        report.Run.Totals.TaskDurationMs.Should().BeGreaterThanOrEqualTo(0, "overflow is a warning, never a negative figure");
                        report.Run.Executors.Should().OnlyContain(e => e.Cores <= SparkOptimizer.Model.InputBounds.MaxCoresPerExecutor);
                        reports++;
                    }
                    catch (EventLogFormatException)
                    {
                        errors++;
                    }
                }
            }
            catch (EventLogFormatException)
            {
                errors++;
            }

            File.Delete(file);
            iterations++;
        }

        iterations.Should().BeGreaterThanOrEqualTo(2 * originals.Length);
        reports.Should().BeGreaterThan(0, "most mutations leave readable events");
        _ = errors;
    }

    // The quantities issue 20 bounds: each occurrence may become an extreme a hostile or broken writer could put there.
    private static readonly System.Text.RegularExpressions.Regex BoundedField = new(
        "(\"(?:Total Cores|Number of Tasks|Number of Partitions|Maximum Memory|Launch Time|Finish Time|Timestamp|Submission Time|Completion Time|Executor Run Time|JVM GC Time|Bytes Read|Task ID|spark\\.executor\\.cores|spark\\.dynamicAllocation\\.maxExecutors|spark\\.sql\\.shuffle\\.partitions)\":\"?)(-?\\d+)");

    private static readonly string[] ExtremeValues = ["2147483647", "9223372036854775807", "-1", "-9223372036854775808", "123456789012345678901234567890", "0", "1e30"];

    private static byte[] Extremes(byte[] bytes, Random random)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var mutated = BoundedField.Replace(text, m => random.Next(3) == 0 ? m.Groups[1].Value + ExtremeValues[random.Next(ExtremeValues.Length)] : m.Value);
        return System.Text.Encoding.Latin1.GetBytes(mutated);
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = (byte[])source.Clone();
        switch (random.Next(8))
        {
            case 6:
            case 7:
                return Extremes(bytes, random);
            case 0:
                for (var i = 0; i < 1 + random.Next(20); i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                var at = random.Next(bytes.Length);
                var junk = new byte[random.Next(1, 4096)];
                random.NextBytes(junk);
                return [.. bytes[..at], .. junk, .. bytes[at..]];
            case 3:
                var start = random.Next(bytes.Length);
                var length = Math.Min(bytes.Length - start, random.Next(1, 8192));
                return [.. bytes, .. bytes.AsSpan(start, length)];
            case 4:
                var cut = random.Next(bytes.Length);
                var removed = Math.Min(bytes.Length - cut, random.Next(1, 2048));
                return [.. bytes[..cut], .. bytes[(cut + removed)..]];
            default:
                // Replace digits and quotes: wrongly typed and unterminated values.
                for (var i = 0; i < 50; i++)
                {
                    var p = random.Next(bytes.Length);
                    if (bytes[p] is >= (byte)'0' and <= (byte)'9' or (byte)'"')
                    {
                        bytes[p] = (byte)"\"x{}[]-,:"[random.Next(9)];
                    }
                }

                return bytes;
        }
    }
}
