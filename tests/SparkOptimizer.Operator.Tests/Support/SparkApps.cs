using System.Text.Json.Nodes;
using SparkOptimizer.Operator.Controllers;
using SparkOptimizer.Testing.Kubernetes;

namespace SparkOptimizer.Tests.Support;

/// <summary>Spark application objects for the fake API server, built from the example manifests in tests/fixtures/k8s.</summary>
public static class SparkApps
{
    public const string Namespace = "default";

    /// <summary>Kubeflow's spark-pi.yaml as JSON, with a name, the opt-in annotation and an event-log dir.</summary>
    public static JsonObject KubeflowPi(string name, bool optedIn = true)
    {
        var app = Manifests.SharedExample("spark-operator", "spark-pi.yaml");
        Prepare(app, name, optedIn);
        app["spec"]!["sparkConf"] = new JsonObject { ["spark.eventLog.enabled"] = "true", ["spark.eventLog.dir"] = "s3a://spark-events/" };
        return app;
    }

    /// <summary>Kubeflow's spark-pi-scheduled.yaml as JSON, opted in.</summary>
    public static JsonObject KubeflowScheduled(string name, bool optedIn = true)
    {
        var app = Manifests.SharedExample("spark-operator", "spark-pi-scheduled.yaml");
        Prepare(app, name, optedIn);
        return app;
    }

    /// <summary>Apache's pi-with-eventlog.yaml as JSON, opted in.</summary>
    public static JsonObject ApachePi(string name, bool optedIn = true)
    {
        var app = Manifests.SharedExample("apache-spark-operator", "pi-with-eventlog.yaml");
        Prepare(app, name, optedIn);
        return app;
    }

    /// <summary>The run a ScheduledSparkApplication creates: its template, owned by it.</summary>
    public static JsonObject ScheduledRun(JsonObject schedule, string runName)
    {
        var meta = schedule["metadata"]!;
        return new JsonObject
        {
            ["apiVersion"] = "sparkoperator.k8s.io/v1beta2",
            ["kind"] = "SparkApplication",
            ["metadata"] = new JsonObject
            {
                ["name"] = runName,
                ["namespace"] = Namespace,
                ["labels"] = new JsonObject { ["sparkoperator.k8s.io/scheduled-app-name"] = meta["name"]!.GetValue<string>() },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "sparkoperator.k8s.io/v1beta2",
                    ["kind"] = "ScheduledSparkApplication",
                    ["name"] = meta["name"]!.GetValue<string>(),
                    ["uid"] = meta["uid"]!.GetValue<string>(),
                    ["controller"] = true,
                }),
            },
            ["spec"] = schedule["spec"]!["template"]!.DeepClone(),
        };
    }

    /// <summary>A Kubeflow status: state, Spark app id and times.</summary>
    public static JsonObject KubeflowStatus(string state, string? sparkAppId, int minutes = 45) => new()
    {
        ["applicationState"] = new JsonObject { ["state"] = state },
        ["sparkApplicationId"] = sparkAppId,
        ["submissionID"] = Guid.NewGuid().ToString(),
        ["lastSubmissionAttemptTime"] = "2026-11-20T10:00:00Z",
        ["terminationTime"] = $"2026-11-20T10:{minutes:00}:00Z",
    };

    /// <summary>An Apache status history ending in <paramref name="final"/>.</summary>
    public static JsonObject ApacheStatus(params string[] states)
    {
        var history = new JsonObject();
        for (var i = 0; i < states.Length; i++)
        {
            history[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["currentStateSummary"] = states[i],
                ["lastTransitionTime"] = $"2026-11-20T10:{i * 5:00}:00Z",
            };
        }

        return new JsonObject
        {
            ["currentState"] = history[(states.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]!.DeepClone(),
            ["stateTransitionHistory"] = history,
            ["currentAttemptSummary"] = new JsonObject { ["attemptInfo"] = new JsonObject { ["id"] = 0 } },
        };
    }

    private static void Prepare(JsonObject app, string name, bool optedIn)
    {
        var meta = app["metadata"] as JsonObject ?? new JsonObject();
        app["metadata"] = meta;
        meta["name"] = name;
        meta["namespace"] = Namespace;
        if (optedIn)
        {
            meta["annotations"] = new JsonObject { [OptInAnnotations.Enabled] = "true", [OptInAnnotations.Objective] = "cost", [OptInAnnotations.Sla] = "45m" };
        }
    }

    /// <summary>The real Kubernetes run of the corpus (spark-pi's log, rolling) as a COMPLETED Kubeflow SparkApplication.</summary>
    public const string CorpusAppId = "spark-110be3a8424d4a2789cb88134418217b";

    /// <summary>An opted-in Kubeflow spark-pi whose run completed with the corpus's real Kubernetes event log (or the one under <paramref name="eventLogDir"/>).</summary>
    public static JsonObject CompletedKubeflowPi(string name = "spark-pi", string? eventLogDir = null, string appId = CorpusAppId)
    {
        var app = KubeflowPi(name);
        app["spec"]!["sparkConf"] = new JsonObject
        {
            ["spark.eventLog.enabled"] = "true",
            ["spark.eventLog.dir"] = eventLogDir ?? PressuredTaxiRun.Events,
            ["spark.eventLog.rolling.enabled"] = "true",
        };
        app["status"] = KubeflowStatus("COMPLETED", appId, minutes: 5);
        return app;
    }
}
