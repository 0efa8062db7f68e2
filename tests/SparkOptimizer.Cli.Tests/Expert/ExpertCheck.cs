using System.Text.Json.Nodes;

namespace SparkOptimizer.Tests.Expert;

/// <summary>One check: its name (finding, noChange, ...), its arguments, and the expert's reason.</summary>
internal sealed record ExpertCheck(string Name, JsonNode? Arguments, string Why)
{
    /// <summary>A check object holds exactly one key besides "why" (check.py unpacks it as a one-element tuple).</summary>
    public static ExpertCheck From(JsonObject json)
    {
        var keys = json.Where(p => p.Key != "why").ToList();
        if (keys.Count != 1)
        {
            throw new InvalidDataException($"a check needs exactly one key besides 'why', got: {string.Join(", ", keys.Select(k => k.Key))}");
        }

        return new ExpertCheck(keys[0].Key, keys[0].Value, json["why"]?.GetValue<string>() ?? "");
    }
}
