using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>Recognises EMR, Databricks, Dataproc, Kubernetes and YARN runs from the properties they leave in the log.</summary>
internal static class VendorDetector
{
    public static VendorInfo Detect(ApplicationInfo app, SparkEnvironment env, string? classPathMarkers)
    {
        var props = env.SparkProperties;
        var markers = new List<string>();
        var master = env.Get("spark.master");
        var clusterManager = master switch
        {
            null => null,
            _ when master.StartsWith("k8s://", StringComparison.Ordinal) => "kubernetes",
            _ when master.StartsWith("yarn", StringComparison.Ordinal) => "yarn",
            _ when master.StartsWith("local", StringComparison.Ordinal) => "local",
            _ when master.StartsWith("spark://", StringComparison.Ordinal) => "standalone",
            _ => master,
        };

        bool HasPrefix(string prefix) => props.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
        var cp = classPathMarkers ?? string.Empty;
        var isDatabricks = HasPrefix("spark.databricks.");
        var isEmr = (app.SparkVersion?.Contains("-amzn-", StringComparison.Ordinal) ?? false) || cp.Contains("/usr/share/aws/emr/", StringComparison.Ordinal)
            || props.Values.Any(v => v.Contains("EMR_CLUSTER_ID", StringComparison.Ordinal)) || props.Keys.Any(k => k.Contains("EMR_CLUSTER_ID", StringComparison.Ordinal))
            || HasPrefix("spark.emr.");
        var isDataproc = HasPrefix("spark.dataproc.") || props.Keys.Any(k => k.Contains("dataproc", StringComparison.OrdinalIgnoreCase))
            || props.Values.Any(v => v.Contains("dataproc", StringComparison.OrdinalIgnoreCase));

        if (isDatabricks)
        {
            markers.Add("spark.databricks.*");
        }

        if (isEmr)
        {
            markers.Add("emr");
        }

        if (isDataproc)
        {
            markers.Add("dataproc");
        }

        if (HasPrefix("spark.kubernetes."))
        {
            markers.Add("spark.kubernetes.*");
        }

        if (HasPrefix("spark.yarn."))
        {
            markers.Add("spark.yarn.*");
        }

        if (HasPrefix("spark.rapids."))
        {
            markers.Add("spark.rapids.*");
        }

        var platform = isDatabricks ? Platform.Databricks
            : isEmr ? Platform.Emr
            : isDataproc ? Platform.Dataproc
            : clusterManager switch
            {
                "kubernetes" => Platform.Kubernetes,
                "yarn" => Platform.Yarn,
                "local" => Platform.Local,
                "standalone" => Platform.Standalone,
                _ => HasPrefix("spark.kubernetes.") ? Platform.Kubernetes : HasPrefix("spark.yarn.") ? Platform.Yarn : Platform.Unknown,
            };

        string? instance = null, driverInstance = null, region = null, cloud = null;
        string? instanceSource = null, driverSource = null, workersSource = null, sku = null, skuSource = null, photonSource = null;
        int? workers = null, minWorkers = null, maxWorkers = null;
        if (isDatabricks)
        {
            // The usage tags describe the cluster as it ran; the node-type ids are the cluster spec's (older runtimes and
            // edited logs keep only these).
            (instance, instanceSource) = FirstOf(env, "spark.databricks.clusterUsageTags.clusterNodeType", "spark.databricks.workerNodeTypeId");
            (driverInstance, driverSource) = FirstOf(env, "spark.databricks.clusterUsageTags.driverNodeType", "spark.databricks.driverNodeTypeId");
            var (workerText, workerKey) = FirstOf(env, "spark.databricks.clusterUsageTags.clusterWorkers", "spark.databricks.clusterUsageTags.clusterTargetWorkers");
            if (int.TryParse(workerText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var w))
            {
                (workers, workersSource) = (w, workerKey);
            }

            minWorkers = env.GetInt("spark.databricks.clusterUsageTags.clusterMinWorkers");
            maxWorkers = env.GetInt("spark.databricks.clusterUsageTags.clusterMaxWorkers");
            region = env.Get("spark.databricks.clusterUsageTags.region") ?? env.Get("spark.databricks.clusterUsageTags.dataPlaneRegion");
            cloud = env.Get("spark.databricks.clusterUsageTags.cloudProvider") ?? env.Get("spark.databricks.cloudProvider");
            (sku, skuSource) = DatabricksComputeType.Detect(env);
            photonSource = DatabricksComputeType.Photon(env);
        }

        if (instance is null)
        {
            (instance, instanceSource) = FirstOf(env,
                "spark.kubernetes.node.selector.node.kubernetes.io/instance-type",
                "spark.kubernetes.node.selector.beta.kubernetes.io/instance-type",
                "spark.kubernetes.executor.node.selector.node.kubernetes.io/instance-type",
                "spark.sparkoptimizer.instanceType",
                "spark.dataproc.executor.instance.type");
        }

        if (isDataproc)
        {
            cloud ??= "gcp";
            region ??= env.Get("spark.dataproc.region");
        }

        if (isEmr)
        {
            cloud ??= "aws";
        }

        return new VendorInfo(platform, clusterManager, instance, driverInstance, workers, minWorkers, maxWorkers, region, cloud, markers)
        {
            InstanceTypeSource = instanceSource,
            DriverInstanceTypeSource = driverSource,
            WorkersSource = workersSource,
            DatabricksSku = sku,
            DatabricksSkuSource = skuSource,
            DatabricksPhoton = photonSource is not null,
            DatabricksPhotonSource = photonSource,
        };
    }

    /// <summary>The first of <paramref name="keys"/> set to a non-empty value, and that key.</summary>
    private static (string? Value, string? Key) FirstOf(SparkEnvironment env, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (env.Get(key) is { Length: > 0 } value)
            {
                return (value, key);
            }
        }

        return (null, null);
    }
}
