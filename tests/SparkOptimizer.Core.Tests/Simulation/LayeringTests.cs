using System.Text.RegularExpressions;

namespace SparkOptimizer.Tests.Simulation;

/// <summary>The simulator stands alone on the model; pricing too. Checked on the sources' using directives.</summary>
public sealed partial class LayeringTests
{
    [Theory]
    [InlineData("Simulation", new[] { "SparkOptimizer.Model", "SparkOptimizer.Simulation" })]
    [InlineData("Pricing", new[] { "SparkOptimizer.Model", "SparkOptimizer.Pricing" })]
    public void Sources_InFolder_UseOnlyAllowedProjectNamespaces(string folder, string[] allowed)
    {
        var root = BenchmarksDocument.RepositoryRoot();
        root.Should().NotBeNull("the tests run from inside the repository");
        var files = Directory.GetFiles(Path.Combine(root!, "src", "SparkOptimizer.Core", folder), "*.cs", SearchOption.AllDirectories);

        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            foreach (Match m in ProjectUsing().Matches(File.ReadAllText(file)))
            {
                allowed.Should().Contain(ns => m.Groups[1].Value == ns || m.Groups[1].Value.StartsWith(ns + ".", StringComparison.Ordinal),
                    $"{Path.GetFileName(file)} uses {m.Groups[1].Value}");
            }
        }
    }

    [GeneratedRegex(@"^\s*using\s+(SparkOptimizer(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex ProjectUsing();
}
