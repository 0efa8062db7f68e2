using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SparkOptimizer.Model;

namespace SparkOptimizer.Mcp.Hosting;

/// <summary>
/// A call-tool filter that turns the SDK's generic "An error occurred invoking 'analyze'" for a wrong argument into a
/// tool error naming the parameter, what it expects and what it got (`analyze: topN: expected an integer, got a string
/// ("five")`). It looks only when the tool failed to run, so it can never refuse a call the SDK would have bound: the
/// arguments are checked against the tool's advertised input schema (and an integer against its .NET parameter's range);
/// if they pass, the failure is a bug and goes on to the SDK, which logs it.
/// </summary>
public static class McpArgumentCheck
{
    public static IMcpServerBuilder WithArgumentCheck(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or McpException))
            {
                var tool = request.MatchedPrimitive as McpServerTool;
                if (tool is not null && request.Params is { } call && Problem(tool, call.Arguments) is { } problem)
                {
                    return ToolResult.Error($"{call.Name}: {problem}");
                }

                throw;
            }
        }));

    /// <summary>The first argument that does not fit the tool's schema, said in one line; null when all fit.</summary>
    public static string? Problem(McpServerTool tool, IDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var schema = tool.ProtocolTool.InputSchema;
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var method = tool.Metadata.OfType<MethodInfo>().FirstOrDefault();
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
            {
                if (arguments is null || !arguments.ContainsKey(name))
                {
                    return $"{name}: required ({Expected(Types(properties, name))}), not given";
                }
            }
        }

        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            var types = Types(properties, name);
            if (types.Count > 0 && !types.Any(t => Fits(value, t)))
            {
                return $"{name}: expected {Expected(types)}, got {Got(value)}";
            }

            if (types.Contains("integer") && value.ValueKind == JsonValueKind.Number
                && method?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType is { } type && Range(Nullable.GetUnderlyingType(type) ?? type) is { } range
                && !(value.TryGetInt64(out var n) && n >= range.Min && n <= range.Max))
            {
                return $"{name}: expected an integer from {range.Min} to {range.Max}, got {Got(value)}";
            }
        }

        return null;
    }

    // "type" as a string or a list of them ("null" among them for an optional reference)
    private static List<string> Types(JsonElement properties, string name)
    {
        if (!properties.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
            _ => [],
        };
    }

    private static bool Fits(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && IsIntegral(value),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static bool IsIntegral(JsonElement value) =>
        value.TryGetInt64(out _) || (value.TryGetDecimal(out var d) && decimal.Truncate(d) == d && !value.GetRawText().Contains('.', StringComparison.Ordinal));

    private static string Expected(IReadOnlyCollection<string> types)
    {
        var named = types.Where(t => t != "null").Select(Article).ToList();
        var text = named.Count == 0 ? "a value" : string.Join(" or ", named);
        return types.Contains("null") ? text + " or null" : text;
    }

    private static string Article(string type) => type switch
    {
        "integer" or "object" or "array" => $"an {type}",
        _ => $"a {type}",
    };

    private static string Got(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"a string ({InputBounds.Echo(value.GetRawText())})",
        JsonValueKind.Number => $"a number ({InputBounds.Echo(value.GetRawText())})",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({value.GetRawText()})",
        JsonValueKind.Object => $"an object ({InputBounds.Echo(value.GetRawText())})",
        JsonValueKind.Array => $"an array ({InputBounds.Echo(value.GetRawText())})",
        _ => "null",
    };

    private static (long Min, long Max)? Range(Type type) =>
        type == typeof(int) ? (int.MinValue, int.MaxValue)
        : type == typeof(short) ? (short.MinValue, short.MaxValue)
        : type == typeof(byte) ? (byte.MinValue, byte.MaxValue)
        : type == typeof(uint) ? (uint.MinValue, uint.MaxValue)
        : null;
}
