using System.IO.Compression;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Engine;

/// <summary>
/// The finder reads the log Spark really wrote, whatever the manifest declares: real corpus logs laid in a folder under the names
/// Spark gives them (rolling folder, each codec suffix, the plain file, .inprogress, attempt suffixes), looked for with a manifest
/// that declares nothing (or the wrong layout), and read back to the app id inside them.
/// </summary>
public sealed class EventLogFinderLayoutTests : IDisposable
{
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    private EventLogFinder Finder() => new(SourceOptions.Default, null, new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, null, [_root.Path]));

    public static TheoryData<string, string, string> Layouts() => new()
    {
        // corpus entry, the name it is laid under, the app id
        { "reencoded/local-1619631016646.lzf", "local-1619631016646.lzf", "local-1619631016646" },
        { "reencoded/local-1621955976602.snappy", "local-1621955976602.snappy", "local-1621955976602" },
        { "reencoded/application_1603128018386_7756.lz4", "application_1603128018386_7756.lz4", "application_1603128018386_7756" },
        { "reencoded/eventlog_v2_application_1603128018386_7846", "eventlog_v2_application_1603128018386_7846", "application_1603128018386_7846" },
        { "reencoded/local-1622814619968.inprogress", "local-1622814619968.inprogress", "local-1622814619968" },
        { "sparklens/local-1532512550423", "local-1532512550423", "local-1532512550423" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Search_ManifestDeclaresNothing_FindsTheLayoutSparkWrote(string entry, string name, string appId)
    {
        Lay(entry, name);

        var search = Finder().Search(new EventLogLocation(_root.Path, appId, Rolling: false, Codec: null));

        search.Input.Should().NotBeNull(search.Tried);
        search.Tried.Should().EndWith(name);
        new EventLogReader().Read(search.Input!).Application.Id.Should().Be(appId);
    }

    [Fact]
    public void Search_ManifestSaysRollingButSparkWroteOneLzfFile_FindsTheFile()
    {
        Lay("reencoded/local-1619631016646.lzf", "local-1619631016646.lzf");

        var search = Finder().Search(new EventLogLocation(_root.Path, "local-1619631016646", Rolling: true, Codec: "zstd"));

        search.Input.Should().NotBeNull(search.Tried);
        new EventLogReader().Read(search.Input!).Application.Id.Should().Be("local-1619631016646");
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("gz")]
    public void Search_LogCompressedWithCodec_FindsAndReadsIt(string codec)
    {
        // compressed here from a real corpus log: the corpus holds no single zstd or gz file
        var source = Corpus.Path("sparklens/local-1532512550423");
        using (var input = File.OpenRead(source))
        using (var output = File.Create(_root.File($"local-1532512550423.{codec}")))
        using (Stream compressor = codec == "zstd" ? new ZstdSharp.CompressionStream(output) : new GZipStream(output, CompressionLevel.Fastest))
        {
            input.CopyTo(compressor);
        }

        var search = Finder().Search(new EventLogLocation(_root.Path, "local-1532512550423", Rolling: false, Codec: null));

        search.Tried.Should().EndWith($"local-1532512550423.{codec}");
        new EventLogReader().Read(search.Input!).Application.Id.Should().Be("local-1532512550423");
    }

    [Fact]
    public void Search_TwoAttempts_ReadsTheNewestAttempt()
    {
        Lay("apache-spark/spark-events/local-1430917381535_1", "local-1430917381535_1");
        Lay("apache-spark/spark-events/local-1430917381535_2", "local-1430917381535_2");

        var search = Finder().Search(new EventLogLocation(_root.Path, "local-1430917381535", Rolling: false, Codec: null));

        var run = new EventLogReader().Read(search.Input!);
        run.Application.Id.Should().Be("local-1430917381535");
        run.Application.AttemptId.Should().Be("2");
    }

    [Fact]
    public void Search_FinishedAndInProgressCopies_ReadsTheFinishedOne()
    {
        Lay("reencoded/local-1619631016646.lzf", "local-1619631016646.lzf");
        File.WriteAllText(_root.File("local-1619631016646.inprogress"), "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.1.1\"}\n");

        var search = Finder().Search(new EventLogLocation(_root.Path, "local-1619631016646", Rolling: false, Codec: null));

        search.Tried.Should().EndWith("local-1619631016646.lzf");
    }

    [Fact]
    public void Search_OnlyAnotherAppWhoseIdStartsTheSame_IsNotFoundAndSaysWhatWasTried()
    {
        // local-16196310166 is a prefix of local-1619631016646: that app's log is not this app's
        Lay("reencoded/local-1619631016646.lzf", "local-1619631016646.lzf");

        var search = Finder().Search(new EventLogLocation(_root.Path, "local-16196310166", Rolling: false, Codec: null));

        search.Input.Should().BeNull();
        search.CanAppear.Should().BeTrue("the log may still be written");
        search.Tried.Should().Contain(_root.Path).And.Contain("{eventlog_v2_,}local-16196310166[_<attempt>][.lz4|.lzf|.snappy|.zstd|.gz][.inprogress]")
            .And.Contain("no name of this app listed");
    }

    [Fact]
    public void Search_FolderOutsideTheRoots_IsRefusedAndCannotAppear()
    {
        var search = Finder().Search(new EventLogLocation("/etc", "local-1", Rolling: false, Codec: null));

        search.Input.Should().BeNull();
        search.CanAppear.Should().BeFalse();
        search.Tried.Should().StartWith("refused:");
    }

    [Fact]
    public void Search_AppIdWithUpperCaseAndDot_FindsTheSanitisedNameSparkWrote()
    {
        // Spark writes Utils.sanitizeDirName(appId): '.' -> '_', lower case
        Lay("sparklens/local-1532512550423", "my_app-1532512550423");

        var search = Finder().Search(new EventLogLocation(_root.Path, "My.App-1532512550423", Rolling: false, Codec: null));

        search.Tried.Should().EndWith("my_app-1532512550423");
        search.Input.Should().NotBeNull();
    }

    private void Lay(string entry, string name)
    {
        var source = Corpus.Path(entry);
        var target = _root.File(name);
        if (Directory.Exists(source))
        {
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
        else
        {
            File.Copy(source, target);
        }
    }
}
