using SparkOptimizer.Ingest.Logs;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest.Logs;

public sealed class SparkLogParserTests
{
    private const string DriverLog = "spark-rapids-tools/spark-events-profiling/driverlog";

    private static readonly (string Line, LogEventKind Kind, string? Executor)[] Planted =
    [
        ("23/11/07 11:01:02.100 Executor task launch worker for task 3.0 in stage 4.0 (TID 7) ERROR Executor: Exception in task 3.0 in stage 4.0 (TID 7)", LogEventKind.Exception, null),
        ("java.lang.OutOfMemoryError: Java heap space", LogEventKind.HeapOutOfMemory, null),
        ("\tat java.util.Arrays.copyOf(Arrays.java:3236)", LogEventKind.Exception, "skipped"),
        ("23/11/07 11:01:03.000 dispatcher-event-loop-1 ERROR TaskSchedulerImpl: Lost executor 5 on 10.0.0.12: Container killed by YARN for exceeding physical memory limits. 10.4 GB of 10 GB physical memory used. Consider boosting spark.executor.memoryOverhead.", LogEventKind.ContainerKilledByYarn, "5"),
        ("23/11/07 11:01:04.000 task-result-getter-2 WARN TaskSetManager: Lost task 1.0 in stage 4.0 (TID 9) (10.0.0.13 executor 6): ExecutorLostFailure (executor 6 exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits. 5.5 GB of 5.5 GB physical memory used.", LogEventKind.ContainerKilledByYarn, "6"),
        ("23/11/07 11:01:05.000 kubernetes-executor-snapshots-subscribers-0 INFO ExecutorPodsLifecycleManager: The executor with id 7 exited with exit code 137(SIGKILL, possible container OOM).", LogEventKind.ExitCode137, "7"),
        ("23/11/07 11:01:05.500 kubernetes-executor-snapshots-subscribers-0 DEBUG ExecutorPodsLifecycleManager: pod spark-pi-exec-8 container executor terminated: reason: OOMKilled, exitCode: 137", LogEventKind.OomKilled, "8"),
        ("23/11/07 11:01:06.000 Executor task launch worker for task 2.0 in stage 4.0 (TID 8) ERROR Executor: java.lang.OutOfMemoryError: GC overhead limit exceeded", LogEventKind.GcOverheadLimit, null),
        ("Caused by: java.lang.OutOfMemoryError: Direct buffer memory", LogEventKind.DirectBufferOutOfMemory, null),
        ("io.netty.util.internal.OutOfDirectMemoryError: failed to allocate 16777216 byte(s) of direct memory (used: 1056964615, max: 1073741824)", LogEventKind.DirectBufferOutOfMemory, null),
        ("Exception in thread \"main\" java.lang.OutOfMemoryError: Metaspace", LogEventKind.MetaspaceOutOfMemory, null),
        ("2023-11-07T11:01:07.123+0000: 12.345: [GC (Allocation Failure) [PSYoungGen: 524800K->43515K(611840K)] 524800K->43531K(2010112K), 0.0345670 secs] [Times: user=0.10 sys=0.02, real=0.03 secs]", LogEventKind.GcPause, null),
        ("[2023-11-07T11:01:08.000+0000][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 512M->128M(2048M) 12.345ms", LogEventKind.GcPause, null),
        ("23/11/07 11:01:09.000 task-result-getter-0 WARN TaskSetManager: Lost task 0.0 in stage 5.0 (TID 11) (10.0.0.14 executor 2): FetchFailed(BlockManagerId(3, 10.0.0.15, 7337, None), shuffleId=1, mapIndex=4, mapId=20, reduceId=0, message=", LogEventKind.FetchFailed, "2"),
        ("org.apache.spark.shuffle.FetchFailedException: Failed to connect to /10.0.0.15:7337", LogEventKind.FetchFailed, null),
        ("23/11/07 11:01:10.000 dispatcher-CoarseGrainedScheduler ERROR TaskSchedulerImpl: Lost executor 4 on 10.0.0.16: Executor heartbeat timed out after 125000 ms", LogEventKind.ExecutorLost, "4"),
        // RAPIDS' GPU OOMs (spark-rapids-jni, cuDF's older wording): the GPU's memory, never a JVM heap OOM.
        ("23/11/07 11:01:10.500 Executor task launch worker for task 1.0 in stage 6.0 (TID 12) ERROR Executor: com.nvidia.spark.rapids.jni.GpuSplitAndRetryOOM: GPU OutOfMemory: could not split inputs and retry", LogEventKind.GpuOutOfMemory, null),
        ("Caused by: java.lang.OutOfMemoryError: Could not allocate native memory: std::bad_alloc: out_of_memory: RMM failure at: arena_memory_resource.hpp:238: Maximum pool size exceeded", LogEventKind.GpuOutOfMemory, null),
        ("23/11/07 11:01:11.000 main ERROR FileFormatWriter: Aborting job 0ac1. org.apache.spark.SparkException: Job aborted due to stage failure", LogEventKind.Exception, null),
    ];

    [Fact]
    public void ReadFile_RealDriverLog_FindsNoFailureInAHealthyRun()
    {
        var events = SparkLogParser.ReadFile(Corpus.Path(DriverLog)).Events;

        events.Should().NotContain(e => e.IsJvmOutOfMemory || e.IsMemoryKill || e.Kind == LogEventKind.FetchFailed || e.Kind == LogEventKind.ExecutorLost,
            "the shipped driver log is of a run that succeeded");
    }

    [Fact]
    public void Parse_RealDriverLogWithPlantedLines_FindsEachWithKindLineExecutorAndTime()
    {
        var real = File.ReadAllLines(Corpus.Path(DriverLog));
        var lines = real.Concat(Planted.Select(p => p.Line)).ToArray();

        var events = Scan(string.Join('\n', lines), executor: "driver").Events;

        var expected = Planted.Select((p, i) => (p, Number: real.Length + i + 1)).Where(x => x.p.Executor != "skipped").ToArray();
        events.Should().HaveCount(expected.Length, "one record per planted line, none from the healthy log, stack frames skipped");
        foreach (var (planted, number) in expected)
        {
            var e = events.Single(x => x.Line == number);
            e.Kind.Should().Be(planted.Kind, planted.Line);
            e.Executor.Should().Be(planted.Executor ?? "driver", planted.Line);
            e.Timestamp.Should().NotBeNull(planted.Line);
        }

        events.Single(e => e.Line == real.Length + 4).Timestamp.Should().Be(new DateTimeOffset(2023, 11, 7, 11, 1, 3, TimeSpan.Zero));
        events.Where(e => e.Kind == LogEventKind.GcPause).Select(e => e.PauseMs).Should().Equal(34.567, 12.345);
        events.Where(e => e.Kind == LogEventKind.GpuOutOfMemory).Should().HaveCount(2).And.OnlyContain(e => !e.IsJvmOutOfMemory, "a GPU OOM asks for GPU levers, not heap");
        events.Single(e => e.Line == real.Length + 2).Timestamp.Should().Be(new DateTimeOffset(2023, 11, 7, 11, 1, 2, 100, TimeSpan.Zero), "a line without a time takes the last one seen");
        events.Single(e => e.Kind == LogEventKind.HeapOutOfMemory).ExceptionClass.Should().Be("java.lang.OutOfMemoryError");
        events.Last().ExceptionClass.Should().Be("org.apache.spark.SparkException");
    }

    [Fact]
    public void ReadFile_GzippedExecutorLog_IsReadThroughGzip()
    {
        using var dir = new TempDir();
        var path = dir.File("stderr.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gz))
        {
            writer.WriteLine("2023-11-07 11:01:02,123 ERROR [Executor task launch worker-0] executor.Executor: Exception in task 0.0");
            writer.WriteLine("java.lang.OutOfMemoryError: Java heap space");
        }

        var events = SparkLogParser.ReadFile(path, executor: "12").Events;

        events.Select(e => (e.Kind, e.Executor)).Should().Equal((LogEventKind.Exception, "12"), (LogEventKind.HeapOutOfMemory, "12"));
        events[1].Timestamp.Should().Be(new DateTimeOffset(2023, 11, 7, 11, 1, 2, 123, TimeSpan.Zero));
    }

    [Fact]
    public void Summary_PlantedFailures_SeparatesJvmOomFromMemoryKillsByExecutor()
    {
        var lines = File.ReadAllLines(Corpus.Path(DriverLog)).Concat(Planted.Select(p => p.Line));

        var summary = Scan(string.Join('\n', lines)).Summary;

        summary.ExecutorsKilledForMemory.Should().Equal("5", "6", "7", "8");
        summary.ExecutorsWithJvmOutOfMemory.Should().BeEmpty("the planted OOM lines name no executor and the log has none of its own");
        summary.Count(LogEventKind.FetchFailed).Should().Be(2);
        (summary.GcPauses, summary.LongestGcPauseMs, summary.TotalGcPauseMs).Should().Be((2, 34.567, 34.567 + 12.345));
        summary.FirstFailure!.Kind.Should().Be(LogEventKind.HeapOutOfMemory, "it is the earliest failure by time");
    }

    [Fact]
    public void Read_LineWithoutNewlineOf64MiB_IsCutAtTheBoundWithoutBeingHeld()
    {
        var scan = new LogScan();
        using var log = new GeneratedLog("23/11/07 11:01:06.000 ERROR Executor: java.lang.OutOfMemoryError: Java heap space ", 64L << 20);
        var before = GC.GetAllocatedBytesForCurrentThread();

        SparkLogParser.Read(log, "one-line.log", "3", scan);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(4L << 20, "a 64 MiB line is looked at through one 64 KiB buffer, never read whole");
        log.Produced.Should().Be(64L << 20, "the rest of the line is read past, to the end");
        (scan.Lines, scan.LinesCut, scan.FirstCut).Should().Be((1, 1, ("one-line.log", 1L)));
        var e = scan.Events.Should().ContainSingle().Subject;
        (e.Kind, e.Executor, e.Line).Should().Be((LogEventKind.HeapOutOfMemory, "3", 1L));
        e.Message.Length.Should().BeLessThanOrEqualTo(2000);
    }

    [Fact]
    public void Read_LongLineThenShortOnes_CutsOnlyTheLongOneAndKeepsCountingLines()
    {
        var text = "java.lang.OutOfMemoryError: Metaspace " + new string('y', InputBounds.MaxLogLineBytes * 3) + "\n" +
            "23/11/07 11:01:03.000 ERROR TaskSchedulerImpl: Lost executor 5 on h: Container killed by YARN for exceeding physical memory limits\n";

        var scan = Scan(text);

        scan.LinesCut.Should().Be(1);
        scan.Events.Select(e => (e.Kind, e.Line)).Should().Equal((LogEventKind.MetaspaceOutOfMemory, 1L), (LogEventKind.ContainerKilledByYarn, 2L));
    }

    [Fact]
    public void Read_FiftyThousandOomLinesThenAKill_KeepsTheFirstOfEachKindAndCountsThemAll()
    {
        var lines = Enumerable.Repeat("23/11/07 11:01:06.000 ERROR Executor: java.lang.OutOfMemoryError: Java heap space (executor 4)", 50_000)
            .Append("23/11/07 11:09:00.000 INFO ExecutorPodsLifecycleManager: pod spark-pi-exec-8 container executor terminated: reason: OOMKilled, exitCode: 137");

        var scan = Scan(string.Join('\n', lines));

        scan.Kept.Count(k => k.Event.Kind == LogEventKind.HeapOutOfMemory).Should().Be(InputBounds.MaxKeptLogEventsPerKind);
        scan.Kept.Should().ContainSingle(k => k.Event.Kind == LogEventKind.OomKilled, "a flood of one kind does not crowd out another");
        scan.Kept.Should().HaveCount(InputBounds.MaxKeptLogEventsPerKind + 1);
        scan.Summary.Count(LogEventKind.HeapOutOfMemory).Should().Be(50_000, "events past the bound are still counted");
        scan.NotKept.Should().Be(49_000);
        (scan.Summary.ExecutorsWithJvmOutOfMemory, scan.Summary.ExecutorsKilledForMemory).Should().BeEquivalentTo((new[] { "4" }, new[] { "8" }));
    }

    [Fact]
    public void ReadFile_AFifo_IsRefusedWithoutOpeningIt()
    {
        using var dir = new TempDir();
        var fifo = dir.File("pipe.log");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mk.WaitForExit();
        }

        var read = () => SparkLogParser.ReadFile(fifo);

        read.Should().Throw<IOException>().WithMessage("a FIFO (named pipe), not a regular file");
    }

    private static LogScan Scan(string text, string? executor = null)
    {
        var scan = new LogScan();
        SparkLogParser.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "planted.log", executor, scan);
        return scan;
    }

    /// <summary>A log of one line that never ends: a prefix, then the letter x up to a length, made as it is read.</summary>
    private sealed class GeneratedLog(string prefix, long length) : SparkOptimizer.Ingest.Codecs.ReadOnlyDecodingStream
    {
        private readonly byte[] _prefix = System.Text.Encoding.UTF8.GetBytes(prefix);

        public long Produced { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - Produced);
            buffer[..n].Fill((byte)'x');
            if (Produced < _prefix.Length)
            {
                var head = (int)Math.Min(n, _prefix.Length - Produced);
                _prefix.AsSpan((int)Produced, head).CopyTo(buffer);
            }

            Produced += n;
            return n;
        }
    }
}
