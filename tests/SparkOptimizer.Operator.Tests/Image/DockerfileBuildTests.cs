using System.Text.Json;
using System.Text.RegularExpressions;
using SparkOptimizer.Operator.Crds;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Image;

/// <summary>The image builds from its own Dockerfile: proved without a Docker engine by playing its build stage in an empty folder.</summary>
public sealed partial class DockerfileBuildTests
{
    private static readonly string Root = CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory);

    private static Dockerfile Repository => Dockerfile.Parse(File.ReadAllText(Path.Combine(Root, "Dockerfile")));

    [Fact]
    public void BuildStage_LaidOutFromItsCopyLinesOnly_RestoresAndPublishesTheOperator()
    {
        using var image = new TempDir();
        var context = new DockerBuildContext(Root, image.Path);
        var build = Repository.Stages[0];
        var runs = 0;
        foreach (var step in build.Steps)
        {
            switch (step)
            {
                case DockerStep.Copy copy:
                    context.Copy(copy);
                    break;
                case DockerStep.Run run:
                    var (exit, output, took) = context.Run(run, TimeSpan.FromMinutes(8));
                    exit.Should().Be(0, $"RUN {run.Command} must succeed on exactly the files the Dockerfile copied ({took.TotalSeconds:F0} s):\n{Tail(output)}");
                    runs++;
                    break;
            }
        }

        runs.Should().Be(2, "the stage restores, then publishes");
        File.Exists(Path.Combine(context.Map("/app"), "SparkOptimizer.Operator.dll")).Should().BeTrue("the runtime stage copies /app and runs SparkOptimizer.Operator.dll");
        Directory.Exists(context.Map("/src/tests")).Should().BeFalse("tests are not part of the image");
    }

    [Fact]
    public void Copy_SourceNotInTheContext_FailsAsDockerBuildWould()
    {
        using var image = new TempDir();
        var context = new DockerBuildContext(Root, image.Path);

        var act = () => context.Copy(new DockerStep.Copy(["config/no-such-file.yaml"], "config/", "/src"));

        act.Should().Throw<FileNotFoundException>().WithMessage("COPY config/no-such-file.yaml: not in the build context*");
    }

    [Fact]
    public void BuildStage_WithoutTheConfigCopy_FailsToBuildCore()
    {
        // what the image build hit: Core embeds config/*.yaml; a layout without them must not pass
        using var image = new TempDir();
        var context = new DockerBuildContext(Root, image.Path);
        foreach (var copy in Repository.Stages[0].Steps.OfType<DockerStep.Copy>().Where(c => !c.Sources.Any(s => s.StartsWith("config", StringComparison.Ordinal))))
        {
            context.Copy(copy);
        }

        var (exit, output, _) = context.Run(new DockerStep.Run("dotnet build src/SparkOptimizer.Core/SparkOptimizer.Core.csproj -c Release", "/src"), TimeSpan.FromMinutes(5));

        exit.Should().NotBe(0);
        output.Should().Contain("CS1566");
    }

    [Fact]
    public void Dockerfile_BaseImages_ArePinnedByFullVersionAndAgree()
    {
        var images = Repository.Stages.Select(s => s.Image).ToArray();
        images.Should().HaveCount(2);
        var sdk = PinnedTag().Match(images[0]);
        var runtime = PinnedTag().Match(images[1]);
        sdk.Success.Should().BeTrue($"{images[0]} is pinned by full version (or digest)");
        runtime.Success.Should().BeTrue($"{images[1]} is pinned by full version (or digest)");
        sdk.Groups["repo"].Value.Should().Be("mcr.microsoft.com/dotnet/sdk");
        runtime.Groups["repo"].Value.Should().Be("mcr.microsoft.com/dotnet/aspnet");

        var sdkVersion = Version.Parse(sdk.Groups["version"].Value);
        var runtimeVersion = Version.Parse(runtime.Groups["version"].Value);
        using var global = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "global.json")));
        var wanted = Version.Parse(global.RootElement.GetProperty("sdk").GetProperty("version").GetString()!);
        (sdkVersion.Major, sdkVersion.Minor).Should().Be((wanted.Major, wanted.Minor), "global.json rolls forward within its major.minor only");
        sdkVersion.Should().BeGreaterThanOrEqualTo(wanted, "global.json's SDK or a later one of its band");
        (runtimeVersion.Major, runtimeVersion.Minor).Should().Be((sdkVersion.Major, sdkVersion.Minor));
        (sdkVersion.Build % 100).Should().Be(runtimeVersion.Build, "the SDK 10.0.1NN ships runtime 10.0.NN: build and run on one runtime");
        File.ReadAllText(Path.Combine(Root, "Directory.Build.props")).Should().Contain($"<TargetFramework>net{runtimeVersion.Major}.{runtimeVersion.Minor}</TargetFramework>");
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(40));

    [GeneratedRegex(@"^(?<repo>[^:@]+):(?<version>\d+\.\d+\.\d+)(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedTag();
}
