using k8s.Models;
using SparkOptimizer.Operator.Crds;
using SparkOptimizer.Operator.Entities.Optimization;

namespace SparkOptimizer.Tests.Crds;

public sealed class CrdGeneratorTests
{
    private static readonly string Root = CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory);
    private static readonly V1CustomResourceDefinition Crd = CrdGenerator.Transpile(typeof(V1Alpha1SparkOptimization));

    public static TheoryData<string> CommittedFolders() => new(CrdFiles.Folders);

    [Theory]
    [MemberData(nameof(CommittedFolders))]
    public void CommittedYaml_EqualsWhatTheTypesGenerate(string folder)
    {
        foreach (var entity in CrdFiles.Entities)
        {
            var path = Path.Combine(Root, folder, CrdFiles.FileName(entity));
            File.Exists(path).Should().BeTrue($"{path} is generated and committed");
            File.ReadAllText(path).Should().Be(CrdGenerator.ToYaml(entity),
                $"{path} drifted from {entity.Name}: run `dotnet run --project src/SparkOptimizer.Operator -- generate-crds` and commit");
        }
    }

    [Fact]
    public void Transpile_Names_NamespacedWithShortNameAndStatusSubresource()
    {
        Crd.Metadata.Name.Should().Be("sparkoptimizations.sparkoptimizer.io");
        Crd.Spec.Group.Should().Be("sparkoptimizer.io");
        Crd.Spec.Scope.Should().Be("Namespaced");
        Crd.Spec.Names.Kind.Should().Be("SparkOptimization");
        Crd.Spec.Names.Plural.Should().Be("sparkoptimizations");
        Crd.Spec.Names.ShortNames.Should().Equal("sparkopt");
        var version = Crd.Spec.Versions.Should().ContainSingle().Subject;
        version.Name.Should().Be("v1alpha1");
        version.Served.Should().BeTrue();
        version.Storage.Should().BeTrue();
        version.Subresources.Status.Should().NotBeNull();
    }

    [Fact]
    public void Transpile_PrinterColumns_InOrderWithPaths()
    {
        var columns = Crd.Spec.Versions[0].AdditionalPrinterColumns;
        columns.Where(c => c.Priority is null).Select(c => c.Name).Should().Equal("App", "Phase", "Last Run", "Duration", "Cost", "Saving", "Worst Finding", "PR");
        columns.Where(c => c.Priority == 1).Select(c => c.Name).Should().Equal("Run", "Outcome", "Spark App ID", "PR State", "Cohort", "Verification", "Trust", "Age");
        columns.Single(c => c.Name == "Last Run").Should().BeEquivalentTo(new { JsonPath = ".status.lastRun.finished", Type = "date" });
        columns.Single(c => c.Name == "Age").Type.Should().Be("date");
        columns.Single(c => c.Name == "Cost").JsonPath.Should().Be(".status.lastRun.costText");
        columns.Single(c => c.Name == "PR").JsonPath.Should().Be(".status.pullRequest.url");
    }

    [Theory]
    [InlineData("spec.target.kind", "string", "SparkApplication,ScheduledSparkApplication")]
    [InlineData("spec.target.apiVersion", "string", "sparkoperator.k8s.io/v1beta2,spark.apache.org/v1")]
    [InlineData("spec.objective", "string", "cost,runtime,balanced")]
    [InlineData("spec.mode", "string", "pullRequest,reportOnly")]
    [InlineData("spec.trustLevel", "string", "observe,recommend,pullRequest,autoMerge")]
    [InlineData("spec.thresholds", "object", null)]
    [InlineData("status.phase", "string", "Pending,Analyzed,InfrastructureFailure,Error")]
    [InlineData("status.observedGeneration", "integer", null)]
    [InlineData("status.conditions", "array", null)]
    [InlineData("status.lastRun.durationMs", "integer", null)]
    [InlineData("status.lastRun.cost", "number", null)]
    [InlineData("status.lastRun.finished", "string", null)]
    [InlineData("status.findings.critical", "integer", null)]
    [InlineData("status.findings.top", "array", null)]
    [InlineData("status.recommendations", "array", null)]
    [InlineData("status.prediction.low", "integer", null)]
    [InlineData("status.pullRequest.number", "integer", null)]
    [InlineData("status.pullRequest.fingerprint", "string", null)]
    [InlineData("status.processedRuns", "array", null)]
    [InlineData("status.verification.errorPercent", "number", null)]
    public void Transpile_Property_HasTypeAndEnum(string path, string type, string? values)
    {
        var schema = At(path);
        schema.Type.Should().Be(type);
        if (values is null)
        {
            schema.EnumProperty.Should().BeNull();
        }
        else
        {
            schema.EnumProperty.Should().Equal(values.Split(','));
        }
    }

    [Theory]
    [InlineData("", "spec")]
    [InlineData("spec", "target")]
    [InlineData("spec.target", "apiVersion,kind,name")]
    [InlineData("status.conditions[]", "type,status,lastTransitionTime,reason")]
    [InlineData("status.recommendations[]", "key,to")]
    public void Transpile_Required_Listed(string path, string required) =>
        At(path).Required.Should().Equal(required.Split(','));

    [Fact]
    public void Transpile_Formats_DatesAndIntegers()
    {
        At("status.lastRun.finished").Format.Should().Be("date-time");
        At("status.conditions[].lastTransitionTime").Format.Should().Be("date-time");
        At("status.findings.critical").Format.Should().Be("int32");
        At("status.lastRun.durationMs").Format.Should().Be("int64");
        At("spec.thresholds").AdditionalProperties.Should().BeOfType<V1JSONSchemaProps>().Which.Type.Should().Be("string");
        At("status.processedRuns").Items.Should().BeOfType<V1JSONSchemaProps>().Which.Type.Should().Be("string");
        At("spec.sla").Pattern.Should().NotBeNullOrEmpty();
    }

    private static V1JSONSchemaProps At(string path)
    {
        var schema = Crd.Spec.Versions[0].Schema.OpenAPIV3Schema;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.TrimEnd('[', ']');
            schema = schema.Properties[name];
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                schema = (V1JSONSchemaProps)schema.Items;
            }
        }

        return schema;
    }
}
