using System.Text.Json.Nodes;

namespace SparkOptimizer.Tests.Charts;

/// <summary>The chart's defaults and each of its switches, as values files: every one must lint, render and start.</summary>
public static class ChartToggles
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["defaults"] = "{}",
        ["analysisJobs"] = """
            {"analysisJobs":{"enabled":true,"serviceAccountName":"spark-jobs",
              "volumes":[{"name":"logs","persistentVolumeClaim":{"claimName":"spark-logs"}}],
              "volumeMounts":[{"name":"logs","mountPath":"/mnt/logs"}]},
             "objectStore":{"credentialsSecret":"s3-creds","s3Endpoint":"http://minio.storage:9000"}}
            """,
        ["serviceMonitor"] = """{"serviceMonitor":{"enabled":true,"labels":{"release":"prometheus"}}}""",
        ["postgres"] = """{"replicaCount":2,"history":{"provider":"postgres","postgres":{"connectionSecret":{"name":"spark-optimizer-pg"}}}}""",
        ["historyNone"] = """{"history":{"provider":"none"}}""",
        ["sqliteWithoutClaim"] = """{"history":{"sqlite":{"persistence":false}}}""",
        ["kubeflowOnly"] = """{"watch":{"apache":false}}""",
        ["apacheOnly"] = """{"watch":{"kubeflow":false}}""",
        ["namespaces"] = """{"watch":{"namespaces":["team-a","team-b"]}}""",
        ["noLeaderElection"] = """{"leaderElection":{"enabled":false}}""",
        ["mcpOff"] = """{"mcp":{"enabled":false}}""",
        ["github"] = """{"github":{"repository":"my-org/gitops","tokenSecret":{"name":"spark-optimizer-github"}}}""",
        ["priceBooks"] = """{"priceBooksConfigMap":"spark-prices","pricing":{"defaultInstanceType":"m5.xlarge"}}""",
        ["sources"] = """{"prometheus":{"url":"http://prometheus.monitoring:9090"},"historyServer":{"url":"http://spark-history:18080"}}""",
        ["eventLogVolume"] = """
            {"eventLogs":{"localRoots":["/mnt/spark-events"]},
             "extraVolumes":[{"name":"spark-events","persistentVolumeClaim":{"claimName":"spark-events","readOnly":true}}],
             "extraVolumeMounts":[{"name":"spark-events","mountPath":"/mnt/spark-events","readOnly":true}]}
            """,
        ["eventLogWait"] = """{"eventLogs":{"defaultDir":"s3a://spark-events/","waitWindow":"01:00:00"}}""",
        ["existingServiceAccount"] = """{"serviceAccount":{"create":false,"name":"platform-operator"}}""",
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    public static JsonObject Values(string name) => JsonNode.Parse(All[name])!.AsObject();
}
