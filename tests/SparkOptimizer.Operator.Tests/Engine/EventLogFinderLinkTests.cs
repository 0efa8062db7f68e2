using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Samples;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Engine;

/// <summary>spark.eventLog.dir comes from the manifest: a symbolic link inside an allowed root must not lead the operator outside it.</summary>
public sealed class EventLogFinderLinkTests : IDisposable
{
    private const string AppId = "spark-0a1b2c3d";
    private readonly TempDir _root = new();
    private readonly TempDir _outside = new();

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private static void WriteLog(string folder)
    {
        Directory.CreateDirectory(folder);
        using var file = File.Create(Path.Combine(folder, AppId));
        SampleEventLogWriter.Write(file);
    }

    private EventLogFinder Finder() => new(SourceOptions.Default, null, new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, null, [_root.Path]));

    [Fact]
    public void Find_FolderLinkLeadingOutsideTheRoot_IsRefusedAndSaysWhy()
    {
        WriteLog(_outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "logs"), _outside.Path);

        var found = Finder().Find(new EventLogLocation(Path.Combine(_root.Path, "logs"), AppId, Rolling: false, Codec: null), out var tried);

        found.Should().BeNull();
        tried.Should().Contain("symbolic link").And.NotContain(_outside.Path, "where the link leads is not told");
    }

    [Fact]
    public void Find_FileLinkLeadingOutsideTheRoot_IsRefused()
    {
        WriteLog(_outside.Path);
        Directory.CreateDirectory(Path.Combine(_root.Path, "logs"));
        File.CreateSymbolicLink(Path.Combine(_root.Path, "logs", AppId), Path.Combine(_outside.Path, AppId));

        Finder().Find(new EventLogLocation(Path.Combine(_root.Path, "logs"), AppId, Rolling: false, Codec: null), out _).Should().BeNull();
    }

    [Fact]
    public void Find_LinkThatStaysInsideTheRoot_IsRead()
    {
        WriteLog(Path.Combine(_root.Path, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "logs"), Path.Combine(_root.Path, "real"));

        var found = Finder().Find(new EventLogLocation(Path.Combine(_root.Path, "logs"), AppId, Rolling: false, Codec: null), out _);

        found.Should().NotBeNull();
        new EventLogReader().Read(found!).Application.Id.Should().NotBeNullOrEmpty("the log is read through the link");
    }

    [Fact]
    public void Find_RootThatIsItselfALink_ReadsWhatIsUnderIt()
    {
        WriteLog(Path.Combine(_outside.Path, "logs"));
        var linkedRoot = Path.Combine(_root.Path, "mounted");
        Directory.CreateSymbolicLink(linkedRoot, _outside.Path);
        var finder = new EventLogFinder(SourceOptions.Default, null, new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, null, [linkedRoot]));

        finder.Find(new EventLogLocation(Path.Combine(linkedRoot, "logs"), AppId, Rolling: false, Codec: null), out _).Should().NotBeNull(
            "a mounted root reached through a link (as a mounted log volume is) is judged by its real path too");
    }
}
