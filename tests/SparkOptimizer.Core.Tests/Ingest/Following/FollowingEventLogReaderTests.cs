using System.Text;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Following;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.StandIns;

namespace SparkOptimizer.Tests.Ingest.Following;

public sealed class FollowingEventLogReaderTests
{
    private const string RealLog = "sparklint/spark_event_log_example";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FollowAsync_WriterAppendsARealLogOverTime_EndsWithTheFinalTotals()
    {
        using var dir = new TempDir();
        var path = dir.File("app-live.inprogress");
        var lines = File.ReadAllLines(Corpus.Path(RealLog));
        var expected = new EventLogReader().Read(new LocalEventLogLocator().Locate(Corpus.Path(RealLog)).Single());
        using var updated = new SemaphoreSlim(0);
        var seenTasks = new List<long>();
        const int chunks = 8;

        var writer = Task.Run(() =>
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
            for (var c = 0; c < chunks; c++)
            {
                var slice = lines[(c * lines.Length / chunks)..((c + 1) * lines.Length / chunks)];
                file.Write(Encoding.UTF8.GetBytes(string.Concat(slice.Select(l => l + "\n"))));
                file.Flush();
                if (c < chunks - 1 && !updated.Wait(Patience))
                {
                    throw new TimeoutException($"the follower did not report chunk {c}");
                }
            }
        });
        var follower = new FollowingEventLogReader(path);
        using var timeout = new CancellationTokenSource(Patience);

        var result = await follower.FollowAsync(TimeSpan.FromMilliseconds(20), u =>
        {
            seenTasks.Add(u.Run.Totals.Tasks);
            updated.Release();
        }, cancellationToken: timeout.Token);
        await writer.WaitAsync(Patience);

        result.Outcome.Should().Be(FollowOutcome.ApplicationEnded);
        result.Run!.Totals.Should().BeEquivalentTo(expected.Totals);
        result.Run.Application.Id.Should().Be(expected.Application.Id);
        result.Run.Application.EndTime.Should().Be(expected.Application.EndTime);
        result.Run.Source.Events.Should().Be(expected.Source.Events);
        result.Updates.Should().BeGreaterThanOrEqualTo(chunks);
        seenTasks.Should().BeInAscendingOrder().And.Contain(t => t < expected.Totals.Tasks, "the follower saw the run part-way");
    }

    [Fact]
    public void Poll_HalfWrittenLine_WaitsForItsNewline()
    {
        using var dir = new TempDir();
        var path = dir.File("app.inprogress");
        var lines = File.ReadAllLines(Corpus.Path(RealLog));
        var half = lines[10][..(lines[10].Length / 2)];
        File.WriteAllText(path, string.Concat(lines.Take(10).Select(l => l + "\n")) + half);
        var follower = new FollowingEventLogReader(path);

        var first = follower.Poll();
        File.AppendAllText(path, lines[10][half.Length..] + "\n");
        var second = follower.Poll();
        var third = follower.Poll();

        first!.TotalEvents.Should().Be(10);
        first.Run.Warnings.Should().NotContain(w => w.Message.Contains("JSON", StringComparison.Ordinal), "a half line is not malformed, only unfinished");
        second!.NewEvents.Should().Be(1);
        second.TotalEvents.Should().Be(11);
        third.Should().BeNull("nothing was appended since");
    }

    [Fact]
    public void Poll_InprogressRenamedAtTheEnd_FollowsTheRename()
    {
        using var dir = new TempDir();
        var path = dir.File("app.inprogress");
        var lines = File.ReadAllLines(Corpus.Path(RealLog));
        File.WriteAllText(path, string.Concat(lines.Take(200).Select(l => l + "\n")));
        var follower = new FollowingEventLogReader(path);
        follower.Poll();

        File.AppendAllText(path, string.Concat(lines.Skip(200).Select(l => l + "\n")));
        File.Move(path, dir.File("app"));
        var update = follower.Poll();

        update!.ApplicationEnded.Should().BeTrue();
        update.TotalEvents.Should().Be(lines.Length);
        update.Run.Source.Path.Should().Be(dir.File("app"));
    }

    [Fact]
    public void Poll_RollingFolderGainsCompressedParts_ReadsEachNewPartOnce()
    {
        using var dir = new TempDir();
        var source = Corpus.Path("reencoded/eventlog_v2_application_1603128018386_7846");
        var folder = Directory.CreateDirectory(Path.Combine(dir.Path, Path.GetFileName(source))).FullName;
        var expected = new EventLogReader().Read(new LocalEventLogLocator().Locate(source).Single());
        var follower = new FollowingEventLogReader(folder);
        var events = new List<long>();

        foreach (var part in Directory.GetFiles(source).Order(StringComparer.Ordinal))
        {
            File.Copy(part, Path.Combine(folder, Path.GetFileName(part)));
            events.Add(follower.Poll()?.TotalEvents ?? follower.Events);
        }

        follower.Poll().Should().BeNull();
        var run = follower.Snapshot();
        run.Totals.Should().BeEquivalentTo(expected.Totals);
        run.Source.Parts.Should().HaveCount(3);
        events.Should().BeInAscendingOrder();
        events[0].Should().Be(0, "the appstatus marker (copied first) holds no events");
        events.Skip(1).Distinct().Should().HaveCount(3, "each events_N part adds its events once");
    }

    [Fact]
    public async Task FollowAsync_LogThatNeverEnds_StopsOnCancellationWithWhatItRead()
    {
        using var dir = new TempDir();
        var path = dir.File("never-ends.inprogress");
        File.Copy(Corpus.Path("reencoded/local-1622814619968.inprogress"), path);
        using var stop = new CancellationTokenSource();
        var follower = new FollowingEventLogReader(path);

        var result = await follower.FollowAsync(TimeSpan.FromMilliseconds(20), _ => stop.Cancel(), cancellationToken: stop.Token).WaitAsync(Patience);

        result.Outcome.Should().Be(FollowOutcome.Stopped);
        result.Updates.Should().Be(1);
        var completeLines = File.ReadAllBytes(path).Count(b => b == (byte)'\n');
        result.Run!.Source.Events.Should().Be(completeLines, "a last line without its newline may still be being written");
    }

    [Fact]
    public async Task FollowAsync_HistoryServerApplication_ReadsItAndLeavesNoDownloadsBehind()
    {
        using var logs = new TempDir();
        using var temp = new TempDir();
        File.Copy(Corpus.Path(RealLog), logs.File("application_1462781278026_205691"));
        await using var server = await HistoryServerStandIn.StartAsync(logs.Path);
        var follower = new FollowingEventLogReader(server.BaseUrl + "/application_1462781278026_205691", new SourceOptions { TempDirectory = temp.Path, Environment = _ => null });
        using var timeout = new CancellationTokenSource(Patience);

        var result = await Task.Run(() => follower.FollowAsync(TimeSpan.FromMilliseconds(20), _ => { }, cancellationToken: timeout.Token));

        result.Outcome.Should().Be(FollowOutcome.ApplicationEnded);
        result.Run!.Totals.Tasks.Should().Be(204);
        Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void Poll_OversizedLine_IsSkippedWithAWarningAndFollowingGoesOn()
    {
        using var dir = new TempDir();
        var path = dir.File("app.inprogress");
        var lines = File.ReadAllLines(Corpus.Path(RealLog));
        var huge = "{\"Event\":\"SparkListenerLogStart\",\"Pad\":\"" + new string('x', 3 << 20) + "\"}";
        File.WriteAllText(path, lines[0] + "\n" + huge + "\n" + lines[1] + "\n");
        var options = new SourceOptions { Read = EventLogReadOptions.Default with { MaxLineBytes = 1 << 20 }, Environment = _ => null };
        var follower = new FollowingEventLogReader(path, options);

        var update = follower.Poll();
        File.AppendAllText(path, lines[2] + "\n");
        var next = follower.Poll();

        update!.TotalEvents.Should().Be(2);
        update.Run.Warnings.Should().ContainSingle(w => w.Message.Contains("line longer than 1 MiB skipped", StringComparison.Ordinal)).Which.Line.Should().Be(2);
        next!.NewEvents.Should().Be(1);
        next.Run.Source.BytesRead.Should().Be(new FileInfo(path).Length);
    }
}
