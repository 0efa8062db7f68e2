using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Access;

public sealed class FolderLogAccessTests
{
    [Fact]
    public void Allows_RootThatIsALink_AdmitsWhereItLeadsAndNothingElse()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("real"));
        Directory.CreateSymbolicLink(dir.File("served"), dir.File("real"));
        var access = new FolderLogAccess([dir.File("served")]);

        access.Allows(Path.Combine(dir.File("served"), "app-1"), out _).Should().BeTrue();
        access.Allows(Path.Combine(dir.File("real"), "app-1"), out _).Should().BeTrue();
        access.Allows(dir.File("elsewhere"), out var reason).Should().BeFalse();
        reason.Should().Contain("outside the served folder");
    }

    [Theory]
    [InlineData("s3://bucket/spark-events/app-1")]
    [InlineData("http://history:18080/api/v1/applications/app-1")]
    public void Allows_Uri_IsRefused(string uri)
    {
        using var dir = new TempDir();

        new FolderLogAccess([dir.Path]).Allows(uri, out var reason).Should().BeFalse();
        reason.Should().Contain("only local paths");
    }

    [Fact]
    public void Allows_FileUriInsideTheFolder_IsAllowed()
    {
        using var dir = new TempDir();

        new FolderLogAccess([dir.Path]).Allows(new Uri(dir.File("app-1")).AbsoluteUri, out _).Should().BeTrue();
    }
}
