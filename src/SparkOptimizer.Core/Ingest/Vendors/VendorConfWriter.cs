using System.Text.Json;
using System.Text.Json.Nodes;

namespace SparkOptimizer.Ingest.Vendors;

/// <summary>
/// Writes a set of Spark conf changes in each vendor's own form, ready to paste or to send: a Databricks cluster spec
/// fragment (spark_conf, node type, workers), an EMR configuration classification (spark-defaults), and Dataproc
/// cluster properties ("spark:" prefix) with the matching gcloud flag. Keys are written in ordinal order.
/// </summary>
public static class VendorConfWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string DatabricksClusterFragment(IReadOnlyDictionary<string, string> conf, string? nodeTypeId = null, int? numWorkers = null, (int Min, int Max)? autoscale = null)
    {
        var spec = new JsonObject();
        if (nodeTypeId is not null)
        {
            spec["node_type_id"] = nodeTypeId;
        }

        if (autoscale is { } range)
        {
            spec["autoscale"] = new JsonObject { ["min_workers"] = range.Min, ["max_workers"] = range.Max };
        }
        else if (numWorkers is { } n)
        {
            spec["num_workers"] = n;
        }

        spec["spark_conf"] = Map(conf);
        return spec.ToJsonString(Indented);
    }

    public static string EmrConfigurations(IReadOnlyDictionary<string, string> conf)
    {
        var classification = new JsonObject { ["Classification"] = "spark-defaults", ["Properties"] = Map(conf) };
        return new JsonArray(classification).ToJsonString(Indented);
    }

    public static IReadOnlyDictionary<string, string> DataprocProperties(IReadOnlyDictionary<string, string> conf) =>
        conf.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => "spark:" + p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The gcloud form: --properties=spark:k=v,... (with a ^#^ delimiter when a value holds a comma).</summary>
    public static string DataprocPropertiesFlag(IReadOnlyDictionary<string, string> conf)
    {
        var pairs = DataprocProperties(conf).Select(p => $"{p.Key}={p.Value}").ToArray();
        return pairs.Any(p => p.Contains(',', StringComparison.Ordinal))
            ? "--properties=^#^" + string.Join('#', pairs)
            : "--properties=" + string.Join(',', pairs);
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> conf)
    {
        var map = new JsonObject();
        foreach (var (key, value) in conf.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            map[key] = value;
        }

        return map;
    }
}
