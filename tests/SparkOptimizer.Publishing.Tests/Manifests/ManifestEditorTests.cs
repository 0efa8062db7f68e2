using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Tests.Manifests;

/// <summary>Hand-written variants: layouts the examples do not cover, and the cases where the editor must refuse.</summary>
public sealed partial class ManifestEditorTests
{
    private static readonly AppIdentity Etl = new("SparkApplication", "sparkoperator.k8s.io/v1beta2", "prod", "etl");

    private const string MultiDocument = """
        # shared header comment
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: etl
          namespace: prod
        data:
          memory: 512m
        ---
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: SparkApplication
        metadata:
          name: etl
          namespace: staging
        spec:
          executor:
            memory: 512m
        ---
        apiVersion: sparkoperator.k8s.io/v1beta2
        kind: SparkApplication
        metadata:
          name: etl
          namespace: prod
        spec:
          type: Scala

          executor:
            instances: 4
            memory: 512m
        """;

    [Fact]
    public void Edit_MultiDocumentFile_EditsOnlyTheDocumentWithMatchingNamespace()
    {
        var result = new ManifestEditor().Edit(MultiDocument, Etl, [new("spark.executor.memory", "512m", "4g", "GC")]);

        ManifestAssertions.ShouldDifferOnlyIn(MultiDocument, result.Text, result);
        ManifestAssertions.ScalarAt(result.Text, 2, "spec", "executor", "memory").Should().Be("4g");
        ManifestAssertions.ScalarAt(result.Text, 1, "spec", "executor", "memory").Should().Be("512m");
        ManifestAssertions.ScalarAt(result.Text, 0, "data", "memory").Should().Be("512m");
    }

    [Fact]
    public void Edit_AddsMissingKeysAtTheEndOfTheirMappingWithTheFilesIndentation()
    {
        var result = new ManifestEditor().Edit(MultiDocument, Etl, [new("spark.executor.cores", null, "3", "idle"), new("spark.sql.adaptive.enabled", null, "true", "AQE")]);

        ManifestAssertions.ShouldDifferOnlyIn(MultiDocument, result.Text, result);
        result.Text.Should().EndWith(
            "    instances: 4\n    memory: 512m\n    cores: 3\n  sparkConf:\n    spark.sql.adaptive.enabled: \"true\"", "a new sparkConf is created under spec with the file's two-space step, and 'true' is quoted to stay a string");
        result.Text.Should().Contain("  type: Scala\n\n  executor:", "blank lines are kept");
    }

    [Fact]
    public void Edit_QuotedAndUnquotedValues_KeepTheirQuotingStyle()
    {
        const string text = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl, namespace: prod}
            spec:
              driver:
                memory: '1g'
                coreRequest: "500m"
              executor:
                memory: 512m
                memoryOverhead: 384
                instances: 2
            """;

        var result = new ManifestEditor().Edit(text, Etl,
        [
            new("spark.driver.memory", "1g", "2g", "driver GC"),
            new("driver.coreRequest", "500m", "1", "throttled"),
            new("spark.executor.memory", "512m", "1g", "GC"),
            new("executor.memoryOverhead", "384", "1024", "RSS"),
            new("spark.executor.instances", "2", "6", "critical path"),
        ]);

        ManifestAssertions.ShouldDifferOnlyIn(text, result.Text, result);
        result.Text.Should().Contain("    memory: '2g'\n").And.Contain("    coreRequest: \"1\"\n").And.Contain("    memory: 1g\n")
            .And.Contain("    memoryOverhead: \"1024\"\n", "a plain string field whose new value would read as a number must be quoted")
            .And.EndWith("    instances: 6", "integers stay plain, and a file without a final line break keeps that shape");
    }

    [Fact]
    public void Edit_CommentsNextToChangedKeys_AreKept()
    {
        const string text = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata:
              name: etl # the nightly job
              namespace: prod
            spec:
              # executors: sized for the 2025 data volume
              executor:
                # heap only; overhead below
                memory: 512m   # raised after the March incident
                cores: 1 #no space before
                # trailing comment inside executor

              # driver section
              driver:
                memory: 1g
            """;

        var result = new ManifestEditor().Edit(text, Etl,
            [new("spark.executor.memory", "512m", "3g", "GC"), new("spark.executor.cores", "1", "4", "idle"), new("executor.coreLimit", null, "4", "limit")]);

        ManifestAssertions.ShouldDifferOnlyIn(text, result.Text, result);
        result.Text.Should().Contain("    memory: 3g   # raised after the March incident\n")
            .And.Contain("    cores: 4 #no space before\n    coreLimit: \"4\"\n    # trailing comment inside executor\n");
    }

    [Fact]
    public void Edit_FlowStyleSparkConf_ReplacesAndAppendsInsideTheBraces()
    {
        const string text = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl, namespace: prod}
            spec:
              sparkConf: {"spark.sql.shuffle.partitions": "200", spark.speculation: "false"}   # tuned by hand
              executor: {memory: 1g, cores: 2}
            """;

        var result = new ManifestEditor().Edit(text, Etl,
        [
            new("spark.sql.shuffle.partitions", "200", "400", "spill"),
            new("spark.sql.autoBroadcastJoinThreshold", null, "100MB", "broadcast"),
            new("spark.executor.instances", null, "5", "runtime"),
        ]);

        ManifestAssertions.ShouldDifferOnlyIn(text, result.Text, result, modifiedLines: 2);
        result.Text.Should().Contain("""  sparkConf: {"spark.sql.shuffle.partitions": "400", spark.speculation: "false", spark.sql.autoBroadcastJoinThreshold: "100MB"}   # tuned by hand""")
            .And.Contain("  executor: {memory: 1g, cores: 2, instances: 5}");
    }

    [Fact]
    public void Edit_CrlfLineEndings_AreKeptOnEditedAndAddedLines()
    {
        var text = MultiDocument.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n";

        var result = new ManifestEditor().Edit(text, Etl,
            [new("spark.executor.memory", "512m", "2g", "GC"), new("spark.dynamicAllocation.enabled", null, "true", "bursty")]);

        ManifestAssertions.ShouldDifferOnlyIn(text, result.Text, result);
        result.Text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Should().NotContain("\n", "every line still ends in CRLF");
        result.Text.Should().EndWith("    memory: 2g\r\n  dynamicAllocation:\r\n    enabled: true\r\n");
    }

    [Fact]
    public void Edit_ScheduledSparkApplication_EditsTheTemplate()
    {
        const string text = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: ScheduledSparkApplication
            metadata:
              name: etl
              namespace: prod
            spec:
              schedule: "@every 3m"
              template:
                executor:
                  memory: 512m
            """;
        var app = Etl with { Kind = "ScheduledSparkApplication" };

        var result = new ManifestEditor().Edit(text, app, [new("spark.executor.memory", "512m", "1g", "GC"), new("spark.sql.shuffle.partitions", null, "64", "small tasks")]);

        ManifestAssertions.ShouldDifferOnlyIn(text, result.Text, result);
        result.Text.Should().EndWith("      memory: 1g\n    sparkConf:\n      spark.sql.shuffle.partitions: \"64\"");
        result.Edits.Select(e => e.Field).Should().Equal("spec.template.executor.memory", "spec.template.sparkConf[\"spark.sql.shuffle.partitions\"]");
    }

    [Fact]
    public void Edit_KubeflowKeyOnlyInSparkConf_EditsTheSparkConfEntryThatGovernsIt()
    {
        const string text = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl, namespace: prod}
            spec:
              sparkConf:
                spark.executor.memory: "1g"
              executor:
                cores: 1
            """;

        var result = new ManifestEditor().Edit(text, Etl, [new("spark.executor.memory", "1g", "2g", "GC")]);

        result.Edits.Single().Field.Should().Be("spec.sparkConf[\"spark.executor.memory\"]");
        result.Text.Should().Contain("    spark.executor.memory: \"2g\"\n");
    }

    [Fact]
    public void Edit_ApachePodTemplateLimitTooSmall_RaisesItAndSaysSo()
    {
        const string text = """
            apiVersion: spark.apache.org/v1
            kind: SparkApplication
            metadata:
              name: etl
            spec:
              sparkConf:
                spark.executor.memory: "1g"
              executorSpec:
                podTemplateSpec:
                  spec:
                    containers:
                    - name: spark-kubernetes-executor
                      resources:
                        limits:
                          memory: 2Gi   # heap + overhead
            """;
        var app = new AppIdentity("SparkApplication", "spark.apache.org/v1", "default", "etl");

        var result = new ManifestEditor().Edit(text, app, [new("spark.executor.memory", "1g", "4g", "GC")]);

        ManifestAssertions.ShouldDifferOnlyIn(text, result.Text, result);
        result.Text.Should().Contain("              memory: 4506Mi   # heap + overhead");
        result.Edits.Should().Contain(e => e.Key == "executor.podTemplate.memoryLimit" && e.Reason.Contains("heap 4096 MiB + overhead 410 MiB"));
    }

    [Fact]
    public void Edit_ApachePodTemplateLimitLargeEnough_IsLeftAlone()
    {
        const string text = """
            apiVersion: spark.apache.org/v1
            kind: SparkApplication
            metadata: {name: etl}
            spec:
              sparkConf: {spark.executor.memory: "1g"}
              executorSpec: {podTemplateSpec: {spec: {containers: [{name: x, resources: {limits: {memory: 8Gi}}}]}}}
            """;
        var app = new AppIdentity("SparkApplication", "spark.apache.org/v1", "default", "etl");

        var result = new ManifestEditor().Edit(text, app, [new("spark.executor.memory", "1g", "2g", "GC")]);

        result.Edits.Should().ContainSingle();
    }

    [Fact]
    public void Edit_ValueAlreadyPresent_ReturnsUnchangedText()
    {
        var result = new ManifestEditor().Edit(MultiDocument, Etl, [new("spark.executor.memory", "512m", "512m", "none")]);

        result.Changed.Should().BeFalse();
        result.Text.Should().Be(MultiDocument);
    }

    [Fact]
    public void Edit_NonAsciiAndEmojiBeforeTheValue_KeepsOffsetsRight()
    {
        const string text = "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata:\n  name: etl # café 🚀 équipe\n  namespace: prod\n  annotations: {note: \"ünïcödé 🎉🎉\"}\nspec:\n  executor:\n    memory: 512m # 😀\n";

        var result = new ManifestEditor().Edit(text, Etl, [new("spark.executor.memory", "512m", "1g", "GC"), new("spark.executor.cores", null, "2", "idle")]);

        result.Text.Should().Be(text.Replace("memory: 512m # 😀\n", "memory: 1g # 😀\n    cores: 2\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Edit_EmptyFlowSparkConf_GetsItsFirstEntry()
    {
        const string text = "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata: {name: etl, namespace: prod}\nspec:\n  sparkConf: {}\n  executor:\n    cores: 1\n";

        var result = new ManifestEditor().Edit(text, Etl, [new("spark.sql.shuffle.partitions", null, "64", "small tasks")]);

        result.Text.Should().Contain("  sparkConf: {spark.sql.shuffle.partitions: \"64\"}\n");
    }

    [Fact]
    public void Edit_ValueInheritedThroughAMergeKey_IsOverriddenByAnExplicitKey()
    {
        const string text = "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata: {name: etl, namespace: prod}\nx-defaults: &defaults\n  memory: 1g\n  cores: 1\nspec:\n  executor:\n    <<: *defaults\n    instances: 2\n";

        var result = new ManifestEditor().Edit(text, Etl, [new("spark.executor.memory", "1g", "4g", "GC")]);

        result.Text.Should().EndWith("    instances: 2\n    memory: 4g\n", "the anchor shared with others stays; the explicit key wins over the merge");
    }

    [Theory]
    [InlineData("", "1500m", "1500m")]
    [InlineData("", "2", "2")]
    [InlineData("    spark.kubernetes.executor.limit.cores: \"2\"\n", "1500m", null)]
    [InlineData("", "500m", null)]
    public void Edit_ApacheCpuRequestAboveTheTemplateLimit_RaisesTheLimitUnlessSparkSetsIt(string extraConf, string request, string? expectedLimit)
    {
        var text = "apiVersion: spark.apache.org/v1\nkind: SparkApplication\nmetadata:\n  name: etl\nspec:\n  sparkConf:\n    spark.executor.cores: \"1\"\n" + extraConf
            + "  executorSpec:\n    podTemplateSpec:\n      spec:\n        containers:\n        - name: spark-kubernetes-executor\n          resources:\n            limits:\n              cpu: 1\n";
        var app = new AppIdentity("SparkApplication", "spark.apache.org/v1", "default", "etl");

        var result = new ManifestEditor().Edit(text, app, [new("executor.coreRequest", null, request, "throttling")]);

        ManifestAssertions.ShouldDifferOnlyIn(text, result.Text, result);
        var raise = result.Edits.SingleOrDefault(e => e.Key == "executor.podTemplate.cpuLimit");
        raise?.To.Should().Be(expectedLimit);
        (raise is null).Should().Be(expectedLimit is null);
        ManifestAssertions.ScalarAt(result.Text, 0, "spec", "executorSpec", "podTemplateSpec", "spec", "containers", 0, "resources", "limits", "cpu").Should().Be(expectedLimit ?? "1");
    }

    [Fact]
    public void Edit_RemovalFromFlowMapsAndBlockMaps_TakesOnlyThatKey()
    {
        const string text = """
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl, namespace: prod}
            spec:
              sparkConf: {a.b: "1", spark.speculation: "true", c.d: "2"}
              executor:
                memoryOverhead: 1g # added by us
                memory: 4g
              driver:
                coreLimit: "2"

            """;

        var result = new ManifestEditor().Edit(text, Etl,
        [
            ValueChange.Remove("spark.speculation", "true", "revert"),
            ValueChange.Remove("executor.memoryOverhead", "1g", "revert"),
            ValueChange.Remove("driver.coreLimit", "2", "revert"),
            ValueChange.Remove("spark.executor.cores", null, "absent: nothing to do"),
        ]);

        result.Text.Should().Be("""
            apiVersion: sparkoperator.k8s.io/v1beta2
            kind: SparkApplication
            metadata: {name: etl, namespace: prod}
            spec:
              sparkConf: {a.b: "1", c.d: "2"}
              executor:
                memory: 4g

            """, "an emptied block mapping (driver) goes too; blank lines and other keys stay");
        result.Edits.Should().HaveCount(3).And.OnlyContain(e => e.To.Length == 0);
    }

    [Fact]
    public void Edit_MappingEndingInAnEmptyValueOrABlockScalar_GetsNewKeysRightAfterIt()
    {
        const string text = "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata: {name: etl, namespace: prod}\nspec:\n  executor:\n    labels:\n  driver:\n    javaOptions: |\n      -XX:+UseG1GC\n      -Dx=y\n\n  type: Scala\n";

        var result = new ManifestEditor().Edit(text, Etl, [new("spark.executor.memory", null, "2g", "GC"), new("spark.driver.memory", null, "1g", "GC")]);

        result.Text.Should().Be("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata: {name: etl, namespace: prod}\nspec:\n  executor:\n    labels:\n    memory: 2g\n  driver:\n    javaOptions: |\n      -XX:+UseG1GC\n      -Dx=y\n\n    memory: 1g\n  type: Scala\n");
    }
}
