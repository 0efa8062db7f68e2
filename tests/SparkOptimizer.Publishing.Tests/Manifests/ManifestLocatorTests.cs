using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.Manifests;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Manifests;

/// <summary>Finding the manifest in a repository: by annotation path, or by kind, namespace and name (Kustomize included).</summary>
public sealed class ManifestLocatorTests : IDisposable
{
    private readonly TempDir _repo = new();

    private static readonly AppIdentity Etl = new("SparkApplication", "sparkoperator.k8s.io/v1beta2", "team-a", "etl");

    private static string App(string name, string? ns = null, string kind = "SparkApplication", string api = "sparkoperator.k8s.io/v1beta2") =>
        $"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n" + (ns is null ? string.Empty : $"  namespace: {ns}\n") + "spec:\n  executor:\n    memory: 1g\n";

    private void Write(string path, string text)
    {
        var full = Path.Combine(_repo.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private Task<LocatedManifest> Locate(AppIdentity app, string? overridePath = null) =>
        new ManifestLocator().LocateAsync(new LocalRepositoryFiles(_repo.Path), app, overridePath);

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task Locate_KustomizeFolder_AppliesTheKustomizationNamespaceToItsResources()
    {
        Write("base/etl.yaml", App("etl"));
        Write("base/kustomization.yaml", "resources:\n- etl.yaml\n");
        Write("overlays/team-a/kustomization.yaml", "namespace: team-a\nresources:\n- ../../base\n");
        Write("overlays/team-b/kustomization.yaml", "namespace: team-b\nresources:\n  - ../../base\n");
        Write("other/etl.yaml", App("etl", "default"));

        var located = await Locate(Etl);

        located.Path.Should().Be("base/etl.yaml");
        located.InheritedNamespace.Should().Be("team-a");
        var edit = new ManifestEditor().Edit(located.Text, Etl, [new("spark.executor.memory", "1g", "2g", "GC")], located.InheritedNamespace);
        edit.Text.Should().Contain("    memory: 2g");
    }

    [Fact]
    public async Task Locate_MultiDocumentFile_FindsTheDocumentByNamespace()
    {
        Write("apps/all.yml", App("etl", "team-b") + "---\n" + App("etl", "team-a") + "---\n" + App("etl", "team-a", kind: "ConfigMap", api: "v1"));
        Write("apps/broken.yaml", "key: [unclosed\n");

        var located = await Locate(Etl);

        located.Path.Should().Be("apps/all.yml");
        located.InheritedNamespace.Should().BeNull();
    }

    [Fact]
    public async Task Locate_DocumentWithoutNamespace_MatchesDefault()
    {
        Write("pi.yaml", App("pi", kind: "SparkApplication", api: "spark.apache.org/v1"));

        var located = await Locate(new AppIdentity("SparkApplication", "spark.apache.org/v1", "default", "pi"));

        located.Path.Should().Be("pi.yaml");
    }

    [Fact]
    public async Task Locate_SameNameOtherOperatorGroup_DoesNotMatch()
    {
        Write("pi.yaml", App("pi", kind: "SparkApplication", api: "spark.apache.org/v1"));

        var act = () => Locate(new AppIdentity("SparkApplication", "sparkoperator.k8s.io/v1beta2", "default", "pi"));

        await act.Should().ThrowAsync<ManifestNotFoundException>().WithMessage("*set the sparkoptimizer.io/manifest annotation*");
    }

    [Fact]
    public async Task Locate_TwoFilesMatch_RefusesAndNamesBoth()
    {
        Write("a/etl.yaml", App("etl", "team-a"));
        Write("b/etl.yaml", App("etl", "team-a"));

        var act = () => Locate(Etl);

        await act.Should().ThrowAsync<ManifestNotFoundException>().WithMessage("2 files match*a/etl.yaml*b/etl.yaml*");
    }

    [Fact]
    public async Task Locate_OverridePath_IsUsedWhenItHoldsTheApp()
    {
        Write("a/etl.yaml", App("etl", "team-a"));
        Write("b/etl.yaml", App("etl", "team-a"));

        var located = await Locate(Etl, "b/etl.yaml");

        located.Path.Should().Be("b/etl.yaml");
    }

    [Theory]
    [InlineData("../outside.yaml")]
    [InlineData("/etc/passwd")]
    [InlineData("apps/../../outside.yaml")]
    [InlineData("apps/./etl.yaml")]
    [InlineData("C:/x.yaml")]
    [InlineData("apps\\etl.yaml")]
    public async Task Locate_OverridePathEscapingTheRepository_IsRejected(string path)
    {
        Write("apps/etl.yaml", App("etl", "team-a"));

        var act = () => Locate(Etl, path);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public void ManifestLocation_Parse_SplitsOwnerRepoAndPath_AndRejectsTraversal()
    {
        ManifestLocation.Parse("platform/gitops/apps/spark/etl.yaml").Should().Be(new ManifestLocation("platform", "gitops", "apps/spark/etl.yaml"));
        var act = () => ManifestLocation.Parse("platform/gitops/../secrets.yaml");
        act.Should().Throw<ArgumentException>();
        var tooShort = () => ManifestLocation.Parse("platform/etl.yaml");
        tooShort.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Locate_KustomizationResourceOutsideTheRepository_IsIgnored()
    {
        Write("k/kustomization.yaml", "namespace: team-a\nresources:\n- ../../../etc/etl.yaml\n- etl.yaml\n");
        Write("k/etl.yaml", App("etl"));

        var located = await Locate(Etl);

        located.Path.Should().Be("k/etl.yaml");
    }
}
