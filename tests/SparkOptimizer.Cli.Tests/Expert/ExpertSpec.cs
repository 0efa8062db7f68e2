using System.Text.Json.Nodes;

namespace SparkOptimizer.Tests.Expert;

/// <summary>A file of expert judgements (tests/expert/*.json): the words that make a finding of each kind, and the cases.</summary>
internal sealed record ExpertSpec(IReadOnlyDictionary<string, IReadOnlyList<string>> Kinds, IReadOnlyList<ExpertCase> Cases)
{
    public static ExpertSpec Load(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? throw new InvalidDataException($"{file}: not a JSON object");
        var kinds = root["kinds"]!.AsObject().ToDictionary(
            k => k.Key,
            k => (IReadOnlyList<string>)k.Value!.AsArray().Select(w => w!.GetValue<string>()).ToList(),
            StringComparer.Ordinal);
        var cases = root["cases"]!.AsArray().Select(c => ExpertCase.From(c!.AsObject())).ToList();
        return new ExpertSpec(kinds, cases);
    }
}
