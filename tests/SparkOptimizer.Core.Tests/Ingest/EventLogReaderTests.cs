using System.IO.Compression;
using System.Text;
using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest;

public sealed class EventLogReaderTests
{
    private static SparkRun ReadPath(string path, EventLogReadOptions? options = null) =>
        new EventLogReader(options).Read(new LocalEventLogLocator().Locate(path).Single());

    [Fact]
    public void Read_InProgressLogCutMidLine_KeepsEventsAndWarnsWithFileAndLine()
    {
        var path = Corpus.Path("reencoded/local-1622814619968.inprogress");

        var run = ReadPath(path);

        run.Totals.Tasks.Should().Be(147);
        run.Source.Status.Should().Be(ReadStatus.Partial);
        run.Application.EndTime.Should().BeNull();
        run.Application.DurationMs.Should().BeNull();
        run.Application.ObservedSpanMs.Should().BePositive();
        run.Warnings.Should().Contain(w => w.File == path && w.Line == 320 && w.Message.Contains("truncated last line"));
        run.Warnings.Should().Contain(w => w.Message.Contains("still being written"));
    }

    [Fact]
    public void Read_MalformedLineInCompressedLog_SkipsLineAndNamesIt()
    {
        var run = ReadPath(Corpus.Path("spark-rapids-tools/spark-events-profiling/malformed_json_eventlog.zstd"));

        run.Source.Events.Should().Be(476);
        run.Source.UnparsableLines.Should().Be(1);
        run.Warnings.Should().ContainSingle(w => w.Message.Contains("malformed JSON") && w.Line > 0);
    }

    [Fact]
    public void Read_DriverLog_FailsWithErrorNamingFileAndKind()
    {
        var path = Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog");

        var act = () => ReadPath(path);

        act.Should().Throw<EventLogFormatException>()
            .Where(e => e.Message.StartsWith(path) && e.Message.Contains("driver or executor log"));
    }

    [Fact]
    public void Read_EmptyFile_FailsWithClearError()
    {
        using var dir = new TempDir();
        var file = dir.File("empty");
        File.WriteAllBytes(file, []);

        var act = () => ReadPath(file);

        act.Should().Throw<EventLogFormatException>().WithMessage($"{file}: empty file*");
    }

    [Fact]
    public void Read_RandomBytes_FailsWithClearError()
    {
        using var dir = new TempDir();
        var file = dir.File("noise.bin");
        var bytes = new byte[100_000];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(file, bytes);

        var act = () => ReadPath(file);

        act.Should().Throw<EventLogFormatException>().Where(e => e.File == file);
    }

    [Fact]
    public void Read_RollingFolder_MatchesTheSameRunAsOneFile()
    {
        var rolling = ReadPath(Corpus.Path("reencoded/eventlog_v2_application_1603128018386_7846"));
        var single = ReadPath(Corpus.Path("spark-rapids-tools/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd"));

        rolling.Source.Parts.Should().HaveCount(3);
        rolling.Source.Parts.Should().BeInAscendingOrder(StringComparer.Ordinal);
        rolling.Totals.Should().Be(single.Totals);
        rolling.Application.Should().Be(single.Application);
        rolling.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Read_DatabricksRolledFolder_MatchesSparkRollingFolderOfSameRun()
    {
        var databricks = ReadPath(Corpus.Path("spark-rapids-tools/spark-events-qualification/db_sim_eventlog"));
        var spark = ReadPath(Corpus.Path("spark-rapids-tools/spark-events-qualification/eventlog_v2_local-1623876083964"));

        databricks.Source.Parts.Should().HaveCount(2);
        databricks.Source.Parts[^1].Should().EndWith("eventlog");
        databricks.Totals.Should().Be(spark.Totals);
    }

    [Fact]
    public void Read_RollingFolderWithMissingPart_KeepsOtherPartsAndWarns()
    {
        using var dir = new TempDir();
        var source = Corpus.Path("reencoded/eventlog_v2_application_1603128018386_7846");
        var target = Directory.CreateDirectory(Path.Combine(dir.Path, "eventlog_v2_application_1603128018386_7846")).FullName;
        foreach (var file in Directory.GetFiles(source).Where(f => !f.Contains("events_2_", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        var full = ReadPath(source);
        var run = ReadPath(target);

        run.Totals.Tasks.Should().BeGreaterThan(0).And.BeLessThan(full.Totals.Tasks);
        run.Warnings.Should().Contain(w => w.Message.Contains("rolled part 2 is missing"));
    }

    [Fact]
    public void Locate_ZipOfRollingFolder_ReadsAsOneApplication()
    {
        using var dir = new TempDir();
        var zip = dir.File("logs.zip");
        var source = Corpus.Path("reencoded/eventlog_v2_application_1603128018386_7846");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(source))
            {
                archive.CreateEntryFromFile(file, "eventlog_v2_application_1603128018386_7846/" + Path.GetFileName(file));
            }
        }

        var inputs = new LocalEventLogLocator().Locate(zip);
        var run = new EventLogReader().Read(inputs.Single());

        inputs.Single().Layout.Should().Be("spark-rolling");
        run.Totals.Should().Be(ReadPath(source).Totals);
    }

    [Fact]
    public void Locate_HistoryServerZip_ReadsItsMember()
    {
        var run = ReadPath(Corpus.Path("sparklint/history_source/eventLogs-application_1489705648216_1600.zip"));

        run.Application.Id.Should().Be("application_1489705648216_1600");
        run.Source.Path.Should().Contain(".zip!");
    }

    [Fact]
    public void Locate_ZipBombRatio_IsRefusedWithWarning()
    {
        using var dir = new TempDir();
        var zip = dir.File("bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry("bomb", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 300; i++)
            {
                stream.Write(zeros);
            }
        }

        var act = () => new LocalEventLogLocator().Locate(zip);

        act.Should().Throw<EventLogFormatException>().Where(e => e.Message.Contains("zip bomb"));
    }

    [Fact]
    public void Locate_FolderWithSymlinkLoop_Terminates()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("sparklens/local-1532512550423"), dir.File("local-1532512550423"));
        Directory.CreateSymbolicLink(dir.File("loop"), dir.Path);

        var inputs = new LocalEventLogLocator().Locate(dir.Path);

        inputs.Count(i => i.Parts.Count > 0).Should().Be(1);
        inputs.Should().Contain(i => i.Layout == "loop");
    }

    [Fact]
    public void Read_HostileLines_AreSkippedWithWarningsAndTheRestIsKept()
    {
        using var dir = new TempDir();
        var file = dir.File("hostile");
        var lines = File.ReadAllLines(Corpus.Path("sparklens/local-1532512550423")).ToList();
        lines.Insert(3, "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":98,\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}");
        lines.Insert(4, "[1,2,3]");
        lines.Insert(5, "\"just a string\"");
        lines.Insert(6, "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":\"x\",\"Task Info\":\"abc\",\"Task Metrics\":[1,2]}");
        lines.Insert(7, "{\"Stage ID\":1,\"Event\":\"SparkListenerJobStart\",\"Job ID\":99}");
        lines.Insert(8, "{\"no\":\"event\"}");
        File.WriteAllLines(file, lines);
        var clean = ReadPath(Corpus.Path("sparklens/local-1532512550423"));

        var run = ReadPath(file);

        run.Totals.Jobs.Should().Be(clean.Totals.Jobs + 1, "an event whose Event field is not first is still read");
        run.Totals.Tasks.Should().Be(clean.Totals.Tasks + 1, "a task end with wrongly typed fields still counts");
        run.Warnings.Should().Contain(w => w.Line == 4 && w.Message.Contains("malformed JSON"), string.Join("\n", run.Warnings));
        run.Warnings.Should().Contain(w => w.Line == 5 && w.Message.Contains("not a JSON object"));
        run.Warnings.Should().Contain(w => w.Line == 6 && w.Message.Contains("not a JSON object"));
        run.Warnings.Should().Contain(w => w.Line == 9 && w.Message.Contains("without an \"Event\""));
    }

    [Fact]
    public void Read_LineOverTheLimit_IsSkippedNotBuffered()
    {
        using var dir = new TempDir();
        var file = dir.File("longline");
        var lines = File.ReadAllLines(Corpus.Path("sparklens/local-1532512550423")).ToList();
        lines.Insert(2, "{\"Event\":\"Huge\",\"x\":\"" + new string('a', 3 << 20) + "\"}");
        File.WriteAllLines(file, lines);

        var run = ReadPath(file, EventLogReadOptions.Default with { MaxLineBytes = 1 << 20 });

        run.Totals.Tasks.Should().Be(ReadPath(Corpus.Path("sparklens/local-1532512550423")).Totals.Tasks);
        run.Warnings.Should().Contain(w => w.Line == 3 && w.Message.Contains("longer than"));
    }

    [Fact]
    public void Read_CompressedFileCutInHalf_KeepsWhatWasReadAndWarns()
    {
        using var dir = new TempDir();
        var source = Corpus.Path("spark-rapids-tools/spark-events-profiling/nds_q66_gpu.zstd");
        var bytes = File.ReadAllBytes(source);
        var file = dir.File("cut.zstd");
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var run = ReadPath(file);

        run.Totals.Tasks.Should().BeGreaterThan(0).And.BeLessThan(ReadPath(source).Totals.Tasks);
        run.Source.Status.Should().Be(ReadStatus.Partial);
        run.Warnings.Should().Contain(w => w.File == file && w.Message.Contains("truncated"));
    }

    [Fact]
    public void Read_SparkWrittenMultiFrameZstd_ReadsEveryFrame()
    {
        var run = ReadPath(Corpus.Path("mcp-apache-spark-history-server/e2e-spark-events/local-1776286786993.zstd"));

        run.Source.Events.Should().Be(274);
        run.Application.SparkVersion.Should().Be("4.1.0");
    }

    [Fact]
    public void Read_OldSparkWithoutLogStart_ReadsApplication()
    {
        var run = ReadPath(Corpus.Path("apache-spark/spark-events/local-1422981759269"));

        run.Application.SparkVersion.Should().BeNull();
        run.Application.Id.Should().Be("local-1422981759269");
        run.Totals.Stages.Should().Be(5);
    }

    [Fact]
    public void Read_StageStatistics_ExposeSkewOfRealLog()
    {
        var run = ReadPath(Corpus.Path("sparklint/spark_event_log_example"));
        var stage0 = run.Stages.Single(s => s.StageId == 0);

        stage0.Tasks.DurationMs.Max.Should().BeInRange(62_000, 63_500);
        stage0.Tasks.DurationMs.P50.Should().BeInRange(1_900, 2_200);
        stage0.Tasks.SlowestTasks[0].DurationMs.Should().Be(stage0.Tasks.DurationMs.Max);
        stage0.Tasks.Durations.Should().HaveCount(stage0.Tasks.SucceededCount);
    }

    [Fact]
    public void Read_LargeStage_SummarisesWithBoundedDurations()
    {
        var run = ReadPath(Corpus.Path("spark-rapids-tools/spark-events-profiling/nds_q66_gpu.zstd"));
        var largest = run.Stages.MaxBy(s => s.Tasks.TaskCount)!;

        largest.Tasks.TaskCount.Should().BeGreaterThan(2048);
        largest.Tasks.DurationsExact.Should().BeFalse();
        largest.Tasks.Durations.Count.Should().BeLessThanOrEqualTo(4096);
        // The summary is faithful: its total stays within the sketch's 1 % relative error of the exact sum.
        var summarised = largest.Tasks.Durations.Sum() * (double)largest.Tasks.SucceededCount / largest.Tasks.Durations.Count;
        summarised.Should().BeApproximately(largest.Tasks.DurationMs.Sum, largest.Tasks.DurationMs.Sum * 0.02);
    }

    [Fact]
    public void Read_VendorRuns_AreRecognised()
    {
        ReadPath(Corpus.Path("aws-emr-advisor/job_spark_shell")).Vendor.Platform.Should().Be(Platform.Emr);
        ReadPath(Corpus.Path("spark_log_parser/databricks.json.gz")).Vendor.Platform.Should().Be(Platform.Databricks);
        ReadPath(Corpus.Path("spark-rapids-tools/spark-events-qualification/cluster_information/platform/dataproc")).Vendor.Platform.Should().Be(Platform.Dataproc);
        ReadPath(Corpus.Path("delight/example_spark_event_log.txt")).Vendor.Platform.Should().Be(Platform.Kubernetes);
    }

    [Fact]
    public void Read_SqlPlans_CarryNodesAndMetricValues()
    {
        var run = ReadPath(Corpus.Path("mcp-apache-spark-history-server/e2e-spark-events/local-1776286786993.zstd"));

        run.SqlExecutions.Should().HaveCount(10);
        var nodes = run.SqlExecutions.SelectMany(s => s.Nodes).ToArray();
        nodes.Should().NotBeEmpty();
        nodes.SelectMany(n => n.Metrics).Should().Contain(m => m.Value > 0);
    }

    [Fact]
    public void Read_PlainFileWithCrLf_ReadsSameAsLf()
    {
        using var dir = new TempDir();
        var source = Corpus.Path("sparklens/local-1532512550423");
        var file = dir.File("crlf");
        File.WriteAllText(file, File.ReadAllText(source).Replace("\n", "\r\n", StringComparison.Ordinal), Encoding.UTF8);

        ReadPath(file).Totals.Should().Be(ReadPath(source).Totals);
    }

    [Fact]
    public void Read_TwentyMegabyteLine_IsReadWithinTheLineLimit()
    {
        using var dir = new TempDir();
        var file = dir.File("bigline");
        var lines = File.ReadAllLines(Corpus.Path("sparklens/local-1532512550423")).ToList();
        lines.Insert(2, "{\"Event\":\"SparkListenerUnknownVendorEvent\",\"payload\":\"" + new string('x', 20 << 20) + "\"}");
        File.WriteAllLines(file, lines);

        var run = ReadPath(file);

        run.Totals.Tasks.Should().Be(8);
        run.Source.UnparsableLines.Should().Be(0);
    }

    [Fact]
    public void Locate_ZipHoldingAZip_SkipsTheNestedArchiveWithAWarning()
    {
        using var dir = new TempDir();
        var inner = dir.File("inner.zip");
        using (var archive = ZipFile.Open(inner, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Corpus.Path("sparklens/local-1532512550423"), "local-1532512550423");
        }

        var outer = dir.File("outer.zip");
        using (var archive = ZipFile.Open(outer, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(inner, "inner.zip");
            archive.CreateEntryFromFile(Corpus.Path("dr-elephant/event_log_1"), "event_log_1");
        }

        var inputs = new LocalEventLogLocator().Locate(outer);

        inputs.Should().ContainSingle();
        inputs[0].Warnings.Should().Contain(w => w.Message.Contains("nested archive skipped"));
        new EventLogReader().Read(inputs[0]).Application.Id.Should().Be("application_1457600942802_0093");
    }

    [Fact]
    public void Locate_ZipHoldingOnlyAZip_FailsNamingTheProblem()
    {
        using var dir = new TempDir();
        var inner = dir.File("inner.zip");
        using (var archive = ZipFile.Open(inner, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(Corpus.Path("sparklens/local-1532512550423"), "log");
        }

        var outer = dir.File("outer.zip");
        using (var archive = ZipFile.Open(outer, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(inner, "inner.zip");
        }

        var act = () => new LocalEventLogLocator().Locate(outer);

        act.Should().Throw<EventLogFormatException>().Where(e => e.File == outer && e.Message.Contains("nested archive"));
    }

    [Fact]
    public void Read_TaskExecutorMetrics_GiveEachExecutorItsNamedPeaks()
    {
        var run = ReadPath(Corpus.Path("aws-emr-advisor/job_spark_shell"));

        var executor = run.WorkerExecutors.First(e => e.TaskCount > 0);
        executor.Peaks.JvmHeap.Should().BePositive();
        executor.Peaks.Values.Keys.Should().Contain("JVMOffHeapMemory").And.NotContain(string.Empty);
        run.Stages.Should().Contain(s => s.ExecutorPeaks.JvmHeap > 0);
    }
}
