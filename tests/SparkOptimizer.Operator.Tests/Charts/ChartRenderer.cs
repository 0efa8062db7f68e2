using System.Text.Json.Nodes;
using SparkOptimizer.Testing.Kubernetes;

namespace SparkOptimizer.Tests.Charts;

/// <summary>Renders the chart with the real <c>helm template</c> (release "rel"), the overrides given as a values file.</summary>
public sealed class ChartRenderer(string chartDir, JsonObject? overrides = null, string releaseNamespace = "spark-optimizer")
{
    /// <summary>Every YAML document the chart renders; a refusal (schema, <c>required</c>, <c>fail</c>) fails with helm's message.</summary>
    public IReadOnlyList<JsonObject> RenderAll()
    {
        var (exit, stdout, stderr) = Template();
        return exit == 0
            ? Manifests.ParseYaml(stdout)
            : throw new InvalidOperationException($"helm template failed ({exit}): {stderr.Trim()}");
    }

    /// <summary>helm's exit code and output, for tests of what the chart refuses.</summary>
    public (int Exit, string Stdout, string Stderr) Template(params string[] extra) =>
        WithValues(values => Helm.Run(["template", "rel", chartDir, "--namespace", releaseNamespace, .. values, .. extra]));

    /// <summary><c>helm lint --strict</c> with the same values.</summary>
    public (int Exit, string Stdout, string Stderr) Lint() =>
        WithValues(values => Helm.Run(["lint", "--strict", chartDir, "--namespace", releaseNamespace, .. values]));

    private T WithValues<T>(Func<string[], T> run)
    {
        if (overrides is null)
        {
            return run([]);
        }

        var file = Path.Combine(Path.GetTempPath(), $"values-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, overrides.ToJsonString());
        try
        {
            return run(["--values", file]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
