using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Dashboard.Tests.Catalog;

public sealed class FolderRunCatalogTests
{
    [Fact]
    public void Runs_FolderWithAnUnreadableFile_ListsTheReadableRunsAndReportsTheOther()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("dr-elephant/event_log_1"), dir.File("event_log_1"));
        File.WriteAllText(dir.File("garbage.zstd"), "not zstd at all");
        var catalog = new FolderRunCatalog(dir.Path);

        var runs = catalog.Runs();

        runs.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = "event_log_1", AppKey = "PythonPi", AppName = "PythonPi" });
        catalog.Problems.Should().ContainSingle().Which.Should().Contain("garbage.zstd");
    }

    [Fact]
    public void Report_AskedTwice_AnalysesOnceAndCaches()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("dr-elephant/event_log_1"), dir.File("event_log_1"));
        var catalog = new FolderRunCatalog(dir.Path);

        var first = catalog.Report("event_log_1");

        first.Should().NotBeNull();
        catalog.Report("event_log_1").Should().BeSameAs(first);
        catalog.Report("other").Should().BeNull();
    }

    [Theory]
    [InlineData("Spark shell", "Spark-shell")]
    [InlineData("a/b?c", "a-b-c")]
    [InlineData("  ", "run")]
    public void Slug_AnyName_IsUrlSafe(string name, string slug) => RunIds.Slug(name).Should().Be(slug);
}
