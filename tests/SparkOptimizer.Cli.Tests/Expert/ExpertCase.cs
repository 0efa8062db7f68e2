using System.Text.Json.Nodes;

namespace SparkOptimizer.Tests.Expert;

/// <summary>One log of the corpus (path relative to tests/corpus) and the expert's checks on its report.</summary>
internal sealed record ExpertCase(string Path, IReadOnlyList<ExpertCheck> Checks)
{
    public static ExpertCase From(JsonObject json) => new(
        json["path"]!.GetValue<string>(),
        json["checks"]!.AsArray().Select(c => ExpertCheck.From(c!.AsObject())).ToList());
}
