using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Tests.Manifests;

/// <summary>The cases where the editor must refuse rather than write a manifest that means something else.</summary>
public sealed partial class ManifestEditorTests
{
    [Fact]
    public void Edit_ValueBehindAnAlias_Refuses()
    {
        const string text = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl, namespace: prod}
            spec:
              driver:
                memory: &mem 1g
              executor:
                memory: *mem
            """;

        var act = () => new ManifestEditor().Edit(text, Etl, [new("spark.executor.memory", "1g", "2g", "GC")]);

        act.Should().Throw<ManifestEditException>().WithMessage("*alias*");
    }

    [Fact]
    public void Edit_AnchoredValueSharedByAnAlias_RefusesBecauseTheAliasWouldChangeToo()
    {
        const string text = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl, namespace: prod}
            spec:
              driver: &role
                memory: 1g
              executor: *role
            """;

        var act = () => new ManifestEditor().Edit(text, Etl, [new("spark.driver.memory", "1g", "2g", "GC")]);

        act.Should().Throw<ManifestEditException>().WithMessage("*unintended change*spec.executor.memory*");
    }

    [Fact]
    public void Edit_AliasBomb_IsRejectedByTheNodeLimit()
    {
        var lines = new List<string> { "apiVersion: sparkoperator.k8s.io/v1beta2", "kind: SparkApplication", "metadata: {name: etl, namespace: prod}", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        lines.Add("spec: {executor: {memory: 1g}}");
        var text = string.Join('\n', lines) + "\n";

        var act = () => new ManifestEditor().Edit(text, Etl, [new("spark.executor.memory", "1g", "2g", "GC")]);

        act.Should().Throw<YamlLimitException>().WithMessage("*alias*");
    }

    [Fact]
    public void Edit_OversizedInput_IsRejected()
    {
        var act = () => new ManifestEditor(new YamlLimits(MaxChars: 100)).Edit(MultiDocument, Etl, []);

        act.Should().Throw<YamlLimitException>();
    }

    [Fact]
    public void Edit_NoMatchingDocument_RefusesWithTheIdentity()
    {
        var act = () => new ManifestEditor().Edit(MultiDocument, Etl with { Namespace = "dev" }, [new("spark.executor.memory", null, "1g", "x")]);

        act.Should().Throw<ManifestEditException>().WithMessage("No document for SparkApplication dev/etl*");
    }

    [Theory]
    [InlineData("spark.executor.cores", "two")]
    [InlineData("spark.dynamicAllocation.enabled", "yes")]
    public void Edit_ValueOfTheWrongType_Refuses(string key, string value)
    {
        var act = () => new ManifestEditor().Edit(MultiDocument, Etl, [new(key, null, value, "x")]);

        act.Should().Throw<ManifestEditException>().WithMessage("*is not a valid*");
    }

    [Fact]
    public void Edit_DuplicateKey_Refuses()
    {
        const string text = "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata: {name: etl, namespace: prod}\nspec:\n  executor:\n    memory: 1g\n    memory: 2g\n";

        var act = () => new ManifestEditor().Edit(text, Etl, [new("spark.executor.memory", "1g", "4g", "GC")]);

        act.Should().Throw<ManifestEditException>().WithMessage("*appears twice*");
    }
}
