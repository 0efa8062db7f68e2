using SparkOptimizer.Ingest;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest;

/// <summary>Only regular files are read, and one bad entry never loses the folder (issue 20, points 2 and 3).</summary>
public sealed class SpecialFilesTests
{
    [Fact]
    public void Locate_FolderWithFifoDeviceLinkDanglingAndLoopingLinks_FindsTheGoodLogAndSaysWhatEachOtherIs()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("sparklens/local-1532512550423"), dir.File("good"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [dir.File("fifo")]))
        {
            mkfifo.WaitForExit();
        }

        File.CreateSymbolicLink(dir.File("random"), "/dev/urandom");
        File.CreateSymbolicLink(dir.File("dangling"), dir.File("gone"));
        File.CreateSymbolicLink(dir.File("loop"), dir.File("loop"));

        var inputs = new LocalEventLogLocator().Locate(dir.Path);

        inputs.Where(i => i.Parts.Count > 0).Should().ContainSingle().Which.Path.Should().Be(dir.File("good"));
        var skipped = inputs.Where(i => i.Parts.Count == 0).SelectMany(i => i.Warnings).ToDictionary(w => Path.GetFileName(w.File), w => w.Message);
        skipped["fifo"].Should().Be("a FIFO (named pipe), not a regular file: skipped");
        skipped["random"].Should().Be("a character device, not a regular file: skipped");
        skipped["dangling"].Should().Be("a dangling symbolic link, not a regular file: skipped");
        skipped["loop"].Should().Be("a symbolic link loop, not a regular file: skipped");
    }

    [Fact]
    public void Locate_TheFifoItself_IsRefusedAtOnceNamingIt()
    {
        using var dir = new TempDir();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [dir.File("fifo")]))
        {
            mkfifo.WaitForExit();
        }

        var act = () => new LocalEventLogLocator().Locate(dir.File("fifo"));

        act.Should().Throw<EventLogFormatException>().Where(e => e.File == dir.File("fifo") && e.Problem.StartsWith("a FIFO (named pipe), not a regular file"));
    }
}
