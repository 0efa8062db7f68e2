using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Tests.Manifests;

/// <summary>Round trips on every example manifest in tests/fixtures/k8s: only the recommended values change.</summary>
public sealed class ManifestEditorExamplesTests
{
    private static readonly ValueChange[] KubeflowChanges =
    [
        new("spark.executor.memory", "512m", "2g", "GC 15% of runtime"),
        new("spark.executor.cores", "1", "2", "idle cores"),
        new("spark.executor.instances", "1", "3", "critical path"),
        new("executor.memoryOverhead", null, "512m", "RSS near limit"),
        new("spark.sql.shuffle.partitions", null, "400", "spill"),
        new("spark.dynamicAllocation.maxExecutors", null, "8", "bounded scale out"),
    ];

    private static readonly ValueChange[] ApacheChanges =
    [
        new("spark.executor.memory", null, "2g", "GC 15% of runtime"),
        new("spark.executor.instances", null, "4", "critical path"),
        new("executor.coreRequest", null, "1500m", "CPU throttling"),
        new("spark.sql.shuffle.partitions", null, "400", "spill"),
    ];

    public static TheoryData<string> KubeflowExamples() => new(ExampleManifests.Kubeflow().Select(Path.GetFileName)!);

    public static TheoryData<string> ApacheExamples() => new(ExampleManifests.Apache().Select(Path.GetFileName)!);

    [Fact]
    public void Examples_BothFolders_AreNotEmpty()
    {
        ExampleManifests.Kubeflow().Should().HaveCountGreaterThan(10);
        ExampleManifests.Apache().Should().HaveCountGreaterThan(5);
    }

    [Theory]
    [MemberData(nameof(KubeflowExamples))]
    public void Edit_KubeflowExample_ChangesOnlyRecommendedValues(string file)
    {
        var before = File.ReadAllText(Path.Combine(ExampleManifests.KubeflowFolder, file));
        var app = ExampleManifests.IdentityOf(before);
        if (file == "spark-pi-prometheus.yaml")
        {
            // Upstream writes "image: {IMAGE_REGISTRY}/..." as a placeholder: a flow mapping followed by text, which no YAML parser accepts.
            var refused = () => new ManifestEditor().Edit(before, app, KubeflowChanges);
            refused.Should().Throw<ManifestEditException>().WithMessage("*not valid YAML*line 25*");
            before = before.Replace("{IMAGE_REGISTRY}/{IMAGE_REPOSITORY}/", "registry.example/spark/", StringComparison.Ordinal);
        }

        var result = new ManifestEditor().Edit(before, app, KubeflowChanges);

        ManifestAssertions.ShouldDifferOnlyIn(before, result.Text, result);
        var doc = before.Split("\n---").Length - 1;
        object[] spec = app.Kind == "ScheduledSparkApplication" ? ["spec", "template"] : ["spec"];
        ManifestAssertions.ScalarAt(result.Text, doc, [.. spec, "executor", "memory"]).Should().Be("2g");
        ManifestAssertions.ScalarAt(result.Text, doc, [.. spec, "executor", "cores"]).Should().Be("2");
        ManifestAssertions.ScalarAt(result.Text, doc, [.. spec, "executor", "instances"]).Should().Be("3");
        ManifestAssertions.ScalarAt(result.Text, doc, [.. spec, "executor", "memoryOverhead"]).Should().Be("512m");
        ManifestAssertions.ScalarAt(result.Text, doc, [.. spec, "sparkConf", "spark.sql.shuffle.partitions"]).Should().Be("400");
        ManifestAssertions.ScalarAt(result.Text, doc, [.. spec, "dynamicAllocation", "maxExecutors"]).Should().Be("8");
        result.Text.Should().Contain("    cores: 2", "integer fields stay unquoted");
        result.Edits.Where(e => e.Key.EndsWith("podTemplate.memoryLimit", StringComparison.Ordinal)).Should().HaveCount(
            file == "spark-pi-pod-template.yaml" ? 1 : 0, "only a pod template with a memory limit too small for 2g + 512m is raised");
    }

    [Theory]
    [MemberData(nameof(ApacheExamples))]
    public void Edit_ApacheExample_ChangesOnlySparkConfValues(string file)
    {
        var before = File.ReadAllText(Path.Combine(ExampleManifests.ApacheFolder, file));
        var app = ExampleManifests.IdentityOf(before);

        var result = new ManifestEditor().Edit(before, app, ApacheChanges);

        ManifestAssertions.ShouldDifferOnlyIn(before, result.Text, result);
        ManifestAssertions.ScalarAt(result.Text, 0, "spec", "sparkConf", "spark.executor.memory").Should().Be("2g");
        ManifestAssertions.ScalarAt(result.Text, 0, "spec", "sparkConf", "spark.executor.instances").Should().Be("4");
        ManifestAssertions.ScalarAt(result.Text, 0, "spec", "sparkConf", "spark.kubernetes.executor.request.cores").Should().Be("1500m");
        result.Text.Should().Contain("    spark.executor.instances: \"4\"", "sparkConf values are quoted like their siblings");
    }

    [Fact]
    public void Edit_KubeflowPodTemplateExample_RaisesTemplateLimitToHoldHeapAndOverhead()
    {
        var before = File.ReadAllText(Path.Combine(ExampleManifests.KubeflowFolder, "spark-pi-pod-template.yaml"));
        var app = ExampleManifests.IdentityOf(before);

        var result = new ManifestEditor().Edit(before, app, [new("spark.executor.memory", "512m", "2g", "GC")]);

        ManifestAssertions.ShouldDifferOnlyIn(before, result.Text, result);
        var raise = result.Edits.Should().ContainSingle(e => e.Key == "executor.podTemplate.memoryLimit").Subject;
        raise.From.Should().Be("1512Mi");
        raise.To.Should().Be("2560Mi", "2048 MiB heap + the 512m memoryOverhead set in spec.executor");
        raise.Reason.Should().Contain("raised");
        result.Text.Should().Contain("              memory: 2560Mi");
    }

    [Fact]
    public void Edit_SparkConnectExample_RefusesUnsupportedKind()
    {
        var text = File.ReadAllText(Path.Combine(ExampleManifests.KubeflowFolder, "sparkconnect", "spark-connect.yaml"));
        var app = new AppIdentity("SparkConnect", "sparkoperator.k8s.io/v1alpha1", "default", "spark-connect");

        var act = () => new ManifestEditor().Edit(text, app, KubeflowChanges);

        act.Should().Throw<ManifestEditException>().WithMessage("*Unsupported manifest kind*");
    }

    [Fact]
    public void Edit_EachChangeAloneAndAllButOneOnEveryExample_KeepsEverythingElseByteIdentical()
    {
        var checkedEdits = 0;
        var files = ExampleManifests.Kubeflow().Select(f => (File: f, Changes: KubeflowChanges))
            .Concat(ExampleManifests.Apache().Select(f => (File: f, Changes: ApacheChanges)));
        foreach (var (file, changes) in files)
        {
            var before = File.ReadAllText(file).Replace("{IMAGE_REGISTRY}/{IMAGE_REPOSITORY}/", "registry.example/spark/", StringComparison.Ordinal);
            var app = ExampleManifests.IdentityOf(before);
            var full = (1 << changes.Length) - 1;
            var masks = Enumerable.Range(0, changes.Length).SelectMany(i => new[] { 1 << i, full & ~(1 << i) });
            foreach (var mask in masks)
            {
                var subset = changes.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                var result = new ManifestEditor().Edit(before, app, subset);
                ManifestAssertions.ShouldDifferOnlyIn(before, result.Text, result);
                result.Edits.Select(e => e.Key).Where(k => !k.EndsWith("podTemplate.memoryLimit", StringComparison.Ordinal) && subset.All(c => c.Key != k))
                    .Should().BeEmpty();
                checkedEdits++;
            }
        }

        checkedEdits.Should().BeGreaterThan(200);
    }

    [Fact]
    public void Edit_RevertOfTheChanges_RestoresEveryExampleByteForByte()
    {
        var files = ExampleManifests.Kubeflow().Select(f => (File: f, Changes: KubeflowChanges))
            .Concat(ExampleManifests.Apache().Select(f => (File: f, Changes: ApacheChanges)));
        foreach (var (file, changes) in files)
        {
            var before = File.ReadAllText(file).Replace("{IMAGE_REGISTRY}/{IMAGE_REPOSITORY}/", "registry.example/spark/", StringComparison.Ordinal);
            var app = ExampleManifests.IdentityOf(before);
            var applied = new ManifestEditor().Edit(before, app, changes);

            var reverted = new ManifestEditor().Edit(applied.Text, app, ManifestChangeSet.RevertOf(app, null, applied.Edits, "revert").Changes);

            var diff = LineDiff.Compute(before, reverted.Text);
            diff.Added.Should().BeEmpty(file);
            diff.Removed.Should().BeEmpty(file);
            diff.Modified.Should().HaveCount(applied.Edits.Count(e => e.Key.Contains(".podTemplate.", StringComparison.Ordinal)), $"{file}: only a raised pod template limit stays");
        }
    }
}
