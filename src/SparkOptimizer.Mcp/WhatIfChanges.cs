using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using SparkOptimizer.Model;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Mcp;

/// <summary>Validates a what-if change map: every key must be one the simulator models and every value must parse.</summary>
public static class WhatIfChanges
{
    public const string SupportedList = "spark.executor.instances, spark.executor.cores, spark.executor.memory, spark.sql.shuffle.partitions, " +
        "spark.memory.fraction, spark.dynamicAllocation.enabled, spark.dynamicAllocation.minExecutors, spark.dynamicAllocation.maxExecutors";

    private static readonly HashSet<string> Integers = new(StringComparer.Ordinal)
    {
        "spark.executor.instances", "spark.executor.cores", "spark.sql.shuffle.partitions", "spark.dynamicAllocation.minExecutors", "spark.dynamicAllocation.maxExecutors",
    };

    /// <summary>Values may come as JSON strings, numbers or booleans: assistants send "8" and 8 alike.</summary>
    public static SimulationChange Parse(IReadOnlyDictionary<string, JsonElement>? changes)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawKey, rawValue) in changes ?? new Dictionary<string, JsonElement>())
        {
            var key = rawKey.Trim();
            var value = rawValue.ValueKind switch
            {
                JsonValueKind.String => rawValue.GetString()!.Trim(),
                JsonValueKind.Number => rawValue.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => throw new McpException($"changes: the value of {InputBounds.Echo(key)} must be a string, number or boolean"),
            };
            if (!Valid(key, value, out var problem))
            {
                throw new McpException($"changes: {problem}");
            }

            settings[key] = value;
        }

        var change = SimulationChange.FromSparkConf(settings);
        return change.OutOfBounds() is { } refused ? throw new McpException($"changes: {refused}") : change;
    }

    private static bool Valid(string key, string value, out string problem)
    {
        problem = string.Empty;
        if (Integers.Contains(key))
        {
            var ok = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && (n > 0 || key.StartsWith("spark.dynamicAllocation.", StringComparison.Ordinal) && n >= 0);
            problem = ok ? problem : $"{key} must be a positive whole number (got '{InputBounds.Echo(value)}')";
            return ok;
        }

        switch (key)
        {
            case "spark.executor.memory":
                var okMemory = ByteSize.TryParse(value, out var size, ByteSize.MiB) && size.Bytes > 0;
                problem = okMemory ? problem : $"spark.executor.memory must be a size such as 4g or 8192m (got '{InputBounds.Echo(value)}')";
                return okMemory;
            case "spark.memory.fraction":
                var okFraction = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f < 1;
                problem = okFraction ? problem : $"spark.memory.fraction must be between 0 and 1 (got '{InputBounds.Echo(value)}')";
                return okFraction;
            case "spark.dynamicAllocation.enabled":
                var okBool = bool.TryParse(value, out _);
                problem = okBool ? problem : $"spark.dynamicAllocation.enabled must be true or false (got '{InputBounds.Echo(value)}')";
                return okBool;
            default:
                problem = $"'{InputBounds.Echo(key)}' is not a setting the simulator models; supported: {SupportedList}";
                return false;
        }
    }
}
