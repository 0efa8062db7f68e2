using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>
/// A columnar engine that replaces Spark's operators in the physical plan (the RAPIDS Accelerator on GPUs, Databricks'
/// Photon): how a run shows it is on, how its operators are named, which nodes are its own transitions, and where the
/// engine tells why an operator stayed on Spark's row engine.
/// </summary>
public sealed record Accelerator(
    string Name,
    string Engine,
    string OperatorPrefix,
    IReadOnlyList<string> Transitions,
    string HowToSeeWhy,
    Func<SparkRun, bool> IsOn)
{
    /// <summary>The RAPIDS Accelerator: spark.plugins names com.nvidia.spark.SQLPlugin and spark.rapids.sql.enabled is not false.</summary>
    public static Accelerator Rapids { get; } = new(
        "RAPIDS Accelerator", "GPU", "Gpu", ["GpuColumnarToRow", "GpuRowToColumnar"],
        "set spark.rapids.sql.explain=NOT_ON_GPU: the driver log then names each operator that stayed on the CPU and why (an unsupported expression, type or format, or an operator disabled by default)",
        RapidsOn);

    /// <summary>Databricks Photon: the cluster runs the Photon runtime (the tags the pricing side reads).</summary>
    public static Accelerator Photon { get; } = new(
        "Photon", "Photon", "Photon", ["ColumnarToRow", "PhotonColumnarToRow", "PhotonRowToColumnar"],
        "run EXPLAIN on the query: its Photon explanation names the operators and expressions Photon does not support",
        run => run.Vendor.Platform == Platform.Databricks && run.Vendor.DatabricksPhoton);

    public bool IsOwn(SqlPlanNode node) => node.NodeName.StartsWith(OperatorPrefix, StringComparison.Ordinal);

    private static bool RapidsOn(SparkRun run)
    {
        var env = run.Environment;
        return (env.Get("spark.plugins") ?? string.Empty).Contains("com.nvidia.spark.SQLPlugin", StringComparison.Ordinal)
            && env.GetBool("spark.rapids.sql.enabled") != false;
    }
}
