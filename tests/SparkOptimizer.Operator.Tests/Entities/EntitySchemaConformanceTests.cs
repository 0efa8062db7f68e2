using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Entities.Apache;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;

namespace SparkOptimizer.Tests.Entities;

/// <summary>The typed views match the real CRDs in tests/fixtures/k8s: every field we read exists there with a compatible type.</summary>
public sealed class EntitySchemaConformanceTests
{
    public static TheoryData<Type, string, string> Entities() => new()
    {
        { typeof(V1Beta2SparkApplication), "spark-operator/crds/sparkoperator.k8s.io_sparkapplications.yaml", "v1beta2" },
        { typeof(V1Beta2ScheduledSparkApplication), "spark-operator/crds/sparkoperator.k8s.io_scheduledsparkapplications.yaml", "v1beta2" },
        { typeof(V1SparkApplication), "apache-spark-operator/crds/sparkapplications.spark.apache.org-v1.yaml", "v1" },
    };

    [Theory]
    [MemberData(nameof(Entities))]
    public void Entity_EveryField_ExistsInTheRealCrdWithACompatibleType(Type entity, string crdFile, string version)
    {
        var schema = Schema(crdFile, version);
        var mismatches = new List<string>();
        Walk(entity, schema, "", mismatches);
        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void ApacheStates_EveryStateOfTheCrdEnum_IsKnown()
    {
        var schema = Schema("apache-spark-operator/crds/sparkapplications.spark.apache.org-v1.yaml", "v1");
        var states = schema["properties"]!["status"]!["properties"]!["currentState"]!["properties"]!["currentStateSummary"]!["enum"]!.AsArray()
            .Select(s => s!.GetValue<string>());
        ApacheApplicationStates.All.Should().BeEquivalentTo(states);
    }

    private static JsonObject Schema(string crdFile, string version)
    {
        var crd = Manifests.LoadYaml(Path.Combine(Fixtures.K8s, crdFile))[0];
        return crd["spec"]!["versions"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == version)!["schema"]!["openAPIV3Schema"]!.AsObject();
    }

    private static void Walk(Type type, JsonObject schema, string path, List<string> mismatches)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            if (path.Length == 0 && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            var here = $"{path}.{name}";
            if (schema["properties"]?[name] is not JsonObject field)
            {
                mismatches.Add($"{here}: not in the CRD");
                continue;
            }

            Check(property.PropertyType, field, here, mismatches);
        }
    }

    private static void Check(Type clr, JsonObject field, string path, List<string> mismatches)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        var type = field["type"]?.GetValue<string>();
        if (clr.Namespace == "k8s.Models")
        {
            // a Kubernetes model (e.g. a pod template): KubernetesClient's own types follow the core schema
            type.Should().Be("object", path);
            return;
        }

        var expected = clr switch
        {
            _ when clr == typeof(string) || clr == typeof(DateTime) => "string",
            _ when clr == typeof(int) || clr == typeof(long) => "integer",
            _ when clr == typeof(bool) => "boolean",
            _ when clr.IsGenericType && clr.GetGenericTypeDefinition() == typeof(IDictionary<,>) => "object",
            _ when clr != typeof(string) && typeof(IEnumerable).IsAssignableFrom(clr) => "array",
            _ => "object",
        };
        if (type != expected)
        {
            mismatches.Add($"{path}: {clr.Name} read as {expected}, CRD says {type}");
            return;
        }

        if (expected == "object" && clr.IsGenericType && field["additionalProperties"] is JsonObject values)
        {
            Check(clr.GetGenericArguments()[1], values, path + "{}", mismatches);
        }
        else if (expected == "object" && !clr.IsGenericType)
        {
            Walk(clr, field, path, mismatches);
        }
        else if (expected == "array" && field["items"] is JsonObject items)
        {
            Check(clr.GetGenericArguments()[0], items, path + "[]", mismatches);
        }
    }
}
