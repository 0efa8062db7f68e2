using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SparkOptimizer.Mcp;

/// <summary>Builds tool answers: a versioned envelope, compact JSON, and a hard size bound.</summary>
public static class ToolOutput
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Envelope(string tool) => new() { ["schemaVersion"] = McpDefaults.SchemaVersion, ["tool"] = tool };

    /// <summary>
    /// Serialises the answer; when it is over the bound, drops items from the end of the named list (the least
    /// important, as lists are ordered by importance) and says so in "truncated".
    /// </summary>
    public static string Serialize(JsonObject root, params string[] shrinkablePaths)
    {
        var text = root.ToJsonString(Compact);
        foreach (var path in shrinkablePaths)
        {
            if (text.Length <= McpDefaults.MaxOutputChars)
            {
                break;
            }

            if (Find(root, path) is not JsonArray array)
            {
                continue;
            }

            while (array.Count > 1 && text.Length > McpDefaults.MaxOutputChars)
            {
                array.RemoveAt(array.Count - 1);
                Repage(array);
                root["truncated"] = $"'{path}' cut to {array.Count} items to keep the answer under {McpDefaults.MaxOutputChars} characters";
                text = root.ToJsonString(Compact);
            }
        }

        return text;
    }

    public static string? Trim(string? text, int max) =>
        text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    public static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> map)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(map(item));
        }

        return array;
    }

    public static int ClampTopN(int topN) => topN < 1 ? throw new ModelContextProtocol.McpException($"topN must be at least 1 (got {topN})") : Math.Min(topN, McpDefaults.MaxTopN);

    public static int CheckOffset(int offset) => offset < 0 ? throw new ModelContextProtocol.McpException($"offset must be 0 or more (got {offset})") : offset;

    /// <summary>A page of a list: the items and where the next page starts (null on the last page).</summary>
    public static JsonObject Page<T>(IReadOnlyList<T> all, int offset, int topN, Func<T, JsonNode?> map)
    {
        var items = all.Skip(offset).Take(topN).ToList();
        var next = offset + items.Count;
        return new JsonObject
        {
            ["total"] = all.Count,
            ["offset"] = offset,
            ["returned"] = items.Count,
            ["nextOffset"] = next < all.Count ? next : null,
            ["items"] = Array(items, map),
        };
    }

    /// <summary>A page cut short still tells where the next page starts.</summary>
    private static void Repage(JsonArray items)
    {
        if (items.Parent is JsonObject page && page["offset"] is JsonValue offset && page["total"] is JsonValue total)
        {
            var next = offset.GetValue<int>() + items.Count;
            page["returned"] = items.Count;
            page["nextOffset"] = next < total.GetValue<int>() ? next : null;
        }
    }

    private static JsonNode? Find(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }

        return node;
    }
}
