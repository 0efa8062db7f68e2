using SparkOptimizer.Ingest;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Access;

public sealed class LogConfinementTests
{
    [Fact]
    public void Confined_RollingLogWithAPartLinkedOutside_IsRefused()
    {
        using var served = new TempDir();
        using var outside = new TempDir();
        File.WriteAllText(outside.File("events_2_app-1"), "{}");
        var rolling = Directory.CreateDirectory(served.File("eventlog_v2_app-1")).FullName;
        File.WriteAllText(Path.Combine(rolling, "events_1_app-1"), "{}");
        File.CreateSymbolicLink(Path.Combine(rolling, "events_2_app-1"), outside.File("events_2_app-1"));
        var input = new EventLogInput(rolling, "spark-rolling", [Part(Path.Combine(rolling, "events_1_app-1")), Part(Path.Combine(rolling, "events_2_app-1"))], []);

        LogConfinement.Confined(input, new FolderLogAccess([served.Path]), out var reason).Should().BeFalse();
        reason.Should().Contain("events_2_app-1").And.Contain("symbolic link").And.NotContain(outside.Path, "where a link leads is not told");
        LogConfinement.Confined(input, UnrestrictedLogAccess.Instance, out _).Should().BeTrue("on stdio the user reads what the user can");
    }

    [Fact]
    public void Confined_RollingLogWhollyInside_IsAllowed()
    {
        using var served = new TempDir();
        var rolling = Directory.CreateDirectory(served.File("eventlog_v2_app-1")).FullName;
        File.WriteAllText(Path.Combine(rolling, "events_1_app-1"), "{}");
        var input = new EventLogInput(rolling, "spark-rolling", [Part(Path.Combine(rolling, "events_1_app-1"))], []);

        LogConfinement.Confined(input, new FolderLogAccess([served.Path]), out _).Should().BeTrue();
    }

    [Fact]
    public void Pinned_FileSwappedForALinkAfterTheCheck_OpensNothingOutside()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var served = new TempDir();
        using var outside = new TempDir();
        File.WriteAllText(outside.File("secret"), "outside");
        File.WriteAllText(served.File("app-1"), "{}");
        var access = new FolderLogAccess([served.Path]);
        var input = new LocalEventLogLocator().Locate(served.File("app-1")).Single();
        LogConfinement.Confined(input, access, out var reason).Should().BeTrue(reason);

        // the race: the checked file becomes a link to outside before the reader opens it
        File.Delete(served.File("app-1"));
        File.CreateSymbolicLink(served.File("app-1"), outside.File("secret"));
        var open = () => LogConfinement.Pinned(input, access).Parts.Single().Open();

        open.Should().Throw<UnauthorizedAccessException>().Which.Message.Should().Contain("outside the allowed folders").And.NotContain(outside.Path);
        input.Parts.Single().Open().Dispose();
    }

    [Fact]
    public void Pinned_FileInside_OpensAsBefore()
    {
        using var served = new TempDir();
        File.WriteAllText(served.File("app-1"), "{}");
        var input = new LocalEventLogLocator().Locate(served.File("app-1")).Single();

        using var stream = LogConfinement.Pinned(input, new FolderLogAccess([served.Path])).Parts.Single().Open();

        new StreamReader(stream).ReadToEnd().Should().Be("{}");
    }

    private static EventLogPart Part(string file) => new(file, () => File.OpenRead(file));
}
