using SparkOptimizer.Publishing;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Manifests;

/// <summary>The example manifests of tests/fixtures/k8s (Kubeflow and Apache), each with the identity of its Spark document.</summary>
internal static class ExampleManifests
{
    public static string KubeflowFolder => Path.Combine(Fixtures.K8s, "spark-operator", "examples");

    public static string ApacheFolder => Path.Combine(Fixtures.K8s, "apache-spark-operator", "examples");

    public static IEnumerable<string> Kubeflow() => Directory.EnumerateFiles(KubeflowFolder, "*.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> Apache() => Directory.EnumerateFiles(ApacheFolder, "*.yaml").Order(StringComparer.Ordinal);

    /// <summary>The identity of the last Spark document in a file, read with a line scan independent of the editor.</summary>
    public static AppIdentity IdentityOf(string text)
    {
        var docs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n---", StringSplitOptions.None);
        foreach (var doc in docs.Reverse())
        {
            string? Field(string prefix) => doc.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
            var kind = Field("kind:");
            if (kind is null || !kind.Contains("SparkApplication", StringComparison.Ordinal))
            {
                continue;
            }

            var name = doc.Split('\n').First(l => l.StartsWith("  name:", StringComparison.Ordinal))["  name:".Length..].Trim();
            var ns = doc.Split('\n').FirstOrDefault(l => l.StartsWith("  namespace:", StringComparison.Ordinal))?["  namespace:".Length..].Trim() ?? "default";
            return new AppIdentity(kind, Field("apiVersion:")!, ns, name);
        }

        throw new InvalidOperationException("No Spark document in file.");
    }
}
