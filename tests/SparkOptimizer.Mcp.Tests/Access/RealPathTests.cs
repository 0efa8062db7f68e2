using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Access;

public sealed class RealPathTests
{
    [Fact]
    public void Of_PathThroughAFolderLink_IsThePathInTheTarget()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("real"));
        Directory.CreateSymbolicLink(dir.File("link"), dir.File("real"));

        RealPath.Of(Path.Combine(dir.File("link"), "app-1")).Should().Be(Path.Combine(dir.File("real"), "app-1"));
    }

    [Fact]
    public void Of_ChainOfRelativeLinks_FollowsEveryLink()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("real"));
        File.WriteAllText(dir.File("real/app-1"), "{}");
        Directory.CreateSymbolicLink(dir.File("second"), "real");
        File.CreateSymbolicLink(dir.File("first"), "second/app-1");

        RealPath.Of(dir.File("first")).Should().Be(Path.Combine(dir.File("real"), "app-1"));
    }

    [Fact]
    public void Of_LinkLoop_ThrowsInsteadOfSpinning()
    {
        using var dir = new TempDir();
        File.CreateSymbolicLink(dir.File("a"), "b");
        File.CreateSymbolicLink(dir.File("b"), "a");

        var resolve = () => RealPath.Of(dir.File("a"));

        resolve.Should().Throw<IOException>().WithMessage("*too many levels of symbolic links*");
    }

    [Theory]
    [InlineData("/srv/logs", true)]
    [InlineData("/srv/logs/", true)]
    [InlineData("/srv/logs/team-a/app-1", true)]
    [InlineData("/srv/logs-other/app-1", false)]
    [InlineData("/srv", false)]
    public void IsUnder_ComparesWholeComponents(string path, bool expected)
    {
        RealPath.IsUnder(path, ["/srv/logs"]).Should().Be(expected);
    }
}
