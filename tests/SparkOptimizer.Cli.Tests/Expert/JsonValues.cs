using System.Text.Json;
using System.Text.Json.Nodes;

namespace SparkOptimizer.Tests.Expert;

/// <summary>Reading report JSON the way check.py's Python does: a missing field is null, `x or default` is truthiness.</summary>
internal static class JsonValues
{
    public static JsonNode? Field(JsonNode? node, string name) =>
        node is JsonObject o && o.TryGetPropertyValue(name, out var value) ? value : null;

    public static bool Has(JsonNode? node, string name) => node is JsonObject o && o.ContainsKey(name);

    /// <summary>Python truthiness: null, false, 0, "", [] and {} are false.</summary>
    public static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            JsonValueKind.True => true,
            _ => false,
        },
        _ => false,
    };

    /// <summary>`x or ""` as a string: a JSON string as it is, any other value as its JSON text.</summary>
    public static string Text(JsonNode? node) =>
        !Truthy(node) ? "" : node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node!.ToJsonString();

    public static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    /// <summary>`x or []`: the items of an array field, none when it is missing, null or empty.</summary>
    public static IEnumerable<JsonNode?> Items(JsonNode? node) => node is JsonArray a ? a : [];
}
