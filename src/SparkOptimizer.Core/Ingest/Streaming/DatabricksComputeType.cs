using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>
/// Which DBU price a Databricks cluster pays: a job cluster (started by the Jobs service) the jobs-compute rate, a
/// cluster created in the workspace UI (interactive, "all-purpose") the all-purpose rate. clusterSku is not used: the
/// corpus shows STANDARD_SKU on a job cluster and on an interactive one alike, so it names the plan, not the compute type.
/// The app name does not tell either: every Databricks driver is "Databricks Shell".
/// </summary>
internal static class DatabricksComputeType
{
    private const string Creator = "spark.databricks.clusterUsageTags.clusterCreator";
    private const string ClusterName = "spark.databricks.clusterUsageTags.clusterName";

    public static (string? Sku, string? Source) Detect(SparkEnvironment env)
    {
        switch (env.Get(Creator))
        {
            case "JobLauncher":
                return ("jobs-compute", $"{Creator}=JobLauncher");
            case "Webapp":
                return ("all-purpose", $"{Creator}=Webapp");
        }

        // Job clusters are named job-<job id>-run-<run id> by the Jobs service.
        return env.Get(ClusterName) is { } name && name.StartsWith("job-", StringComparison.Ordinal) && name.Contains("-run-", StringComparison.Ordinal)
            ? ("jobs-compute", $"{ClusterName}={name}")
            : (null, null);
    }

    /// <summary>
    /// The property that shows the cluster runs Photon (its runtime is a "-photon-" version, its runtime engine PHOTON, or
    /// spark.databricks.photon.enabled=true), or null. Photon clusters consume more DBUs per hour than classic ones.
    /// </summary>
    public static string? Photon(SparkEnvironment env)
    {
        foreach (var key in new[] { "spark.databricks.clusterUsageTags.sparkVersion", "spark.databricks.clusterUsageTags.effectiveSparkVersion" })
        {
            if (env.Get(key) is { } version && version.Contains("photon", StringComparison.OrdinalIgnoreCase))
            {
                return $"{key}={version}";
            }
        }

        if (env.Get("spark.databricks.clusterUsageTags.runtimeEngine") is { } engine && engine.Equals("PHOTON", StringComparison.OrdinalIgnoreCase))
        {
            return $"spark.databricks.clusterUsageTags.runtimeEngine={engine}";
        }

        return env.GetBool("spark.databricks.photon.enabled") == true ? "spark.databricks.photon.enabled=true" : null;
    }
}
