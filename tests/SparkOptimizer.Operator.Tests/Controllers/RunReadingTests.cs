using System.Text.Json.Nodes;
using k8s;
using SparkOptimizer.Operator.Controllers;
using SparkOptimizer.Operator.Entities.Apache;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Controllers;

/// <summary>How finished runs, app ids and event-log locations are read from each Spark operator's resource.</summary>
public sealed class RunReadingTests
{
    [Theory]
    [InlineData("RUNNING", "spark-1", false, false)]
    [InlineData("SUCCEEDING", "spark-1", false, false)]
    [InlineData("COMPLETED", "spark-1", true, false)]
    [InlineData("FAILED", "spark-1", true, false)]
    [InlineData("FAILED", null, true, true)]
    [InlineData("SUBMISSION_FAILED", null, true, true)]
    public void KubeflowRuns_State_ClassifiesFinishedAndInfrastructure(string state, string? appId, bool finished, bool infrastructure)
    {
        var run = KubeflowRuns.From(Kubeflow(state, appId));
        if (!finished)
        {
            run.Should().BeNull();
            return;
        }

        run!.InfrastructureFailure.Should().Be(infrastructure);
        run.Succeeded.Should().Be(state == "COMPLETED");
        run.RunId.Should().StartWith("spark-pi:");
        (run.Finished - run.Started).Should().Be(TimeSpan.FromMinutes(45));
    }

    [Theory]
    [InlineData(new[] { "Submitted", "DriverRequested", "RunningHealthy" }, null, false)]
    [InlineData(new[] { "Submitted", "RunningHealthy", "Succeeded" }, "Succeeded", false)]
    [InlineData(new[] { "Submitted", "RunningHealthy", "Failed", "ResourceReleased" }, "Failed", false)]
    [InlineData(new[] { "Submitted", "DriverStartTimedOut", "ResourceReleased" }, "DriverStartTimedOut", true)]
    [InlineData(new[] { "Submitted", "ExecutorsStartTimedOut" }, "ExecutorsStartTimedOut", true)]
    [InlineData(new[] { "Submitted", "SchedulingFailure", "TerminatedWithoutReleaseResources" }, "SchedulingFailure", true)]
    [InlineData(new[] { "Submitted", "RunningHealthy", "DriverEvicted", "ResourceReleased" }, "DriverEvicted", false)]
    [InlineData(new[] { "Submitted", "RunningHealthy", "Failed", "ScheduledToRestart" }, null, false)]
    public void ApacheRuns_History_FindsOutcomeOfTheAttempt(string[] states, string? outcome, bool infrastructure)
    {
        var app = KubernetesJson.Deserialize<V1SparkApplication>(Apache(states).ToJsonString());
        var runs = ApacheRuns.From(app);
        if (outcome is null)
        {
            runs.Should().BeEmpty();
            return;
        }

        var run = runs.Should().ContainSingle().Subject;
        run.Outcome.Should().Be(outcome);
        run.InfrastructureFailure.Should().Be(infrastructure);
        run.SparkAppId.Should().Be("pi-eventlog-0");
        run.Started.Should().Be(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ApacheRuns_SparkAppIdInConf_WinsOverGenerated()
    {
        var json = Apache(["Submitted", "Succeeded"]);
        json["spec"]!["sparkConf"]!["spark.app.id"] = "custom-id";
        ApacheRuns.From(KubernetesJson.Deserialize<V1SparkApplication>(json.ToJsonString())).Single().SparkAppId.Should().Be("custom-id");
    }

    [Fact]
    public void ApacheRuns_AfterRestart_PreviousAttemptFromItsSummaryThenTheCurrentOne()
    {
        var json = Apache(["ScheduledToRestart", "DriverRequested", "RunningHealthy"]);
        var status = json["status"]!.AsObject();
        status["currentAttemptSummary"] = new JsonObject { ["attemptInfo"] = new JsonObject { ["id"] = 1 } };
        status["previousAttemptSummary"] = new JsonObject
        {
            ["attemptInfo"] = new JsonObject { ["id"] = 0 },
            ["stateTransitionHistory"] = SparkApps.ApacheStatus("Submitted", "RunningHealthy", "Failed")["stateTransitionHistory"]!.DeepClone(),
        };

        var running = ApacheRuns.From(KubernetesJson.Deserialize<V1SparkApplication>(json.ToJsonString()));
        running.Should().ContainSingle().Which.Should().Match<FinishedRun>(r => r.SparkAppId == "pi-eventlog-0" && r.Outcome == "Failed");

        json["status"]!["currentState"] = new JsonObject { ["currentStateSummary"] = "Succeeded", ["lastTransitionTime"] = "2026-11-20T11:00:00Z" };
        var finished = ApacheRuns.From(KubernetesJson.Deserialize<V1SparkApplication>(json.ToJsonString()));
        finished.Select(r => (r.SparkAppId, r.Outcome)).Should().Equal(("pi-eventlog-0", "Failed"), ("pi-eventlog-1", "Succeeded"));
        finished[1].Started.Should().Be(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "the attempt began at ScheduledToRestart");
    }

    [Fact]
    public void ApacheRuns_SparkAppId_ShortNamesAreNameDashAttempt_LongNamesHashed()
    {
        ApacheRuns.SparkAppId("ns", "pi", 3).Should().Be("pi-3");
        var longName = new string('a', 50);
        var id = ApacheRuns.SparkAppId("ns", longName, 0);
        id.Should().HaveLength(46).And.StartWith("aaaaaaaaa-").And.MatchRegex("^[a-z0-9-]+$");
        ApacheRuns.SparkAppId("ns", longName, 0).Should().Be(id, "deterministic");
        ApacheRuns.SparkAppId("other", longName, 0).Should().NotBe(id);
    }

    [Theory]
    [InlineData("s3a://spark-events/", null, null, "s3a://spark-events/spark-1", null)]
    [InlineData("s3a://spark-events", "true", null, "s3a://spark-events/eventlog_v2_spark-1", null)]
    [InlineData("file:///tmp/events", null, "true", "file:///tmp/events/spark-1", "zstd")]
    public void EventLogLocation_FromConf_DirPlusAppId(string dir, string? rolling, string? compress, string uri, string? codec)
    {
        var conf = new Dictionary<string, string> { ["spark.eventLog.dir"] = dir };
        if (rolling is not null)
        {
            conf["spark.eventLog.rolling.enabled"] = rolling;
        }

        if (compress is not null)
        {
            conf["spark.eventLog.compress"] = compress;
        }

        var location = EventLogLocation.From(conf, "spark-1")!;
        location.Uri.Should().Be(uri);
        location.Codec.Should().Be(codec);
    }

    [Fact]
    public void EventLogLocation_WithoutDirOrAppId_IsUnknown()
    {
        EventLogLocation.From(new Dictionary<string, string>(), "spark-1").Should().BeNull();
        EventLogLocation.From(new Dictionary<string, string> { ["spark.eventLog.dir"] = "/x" }, null).Should().BeNull();
    }

    [Theory]
    [InlineData(850, "850ms")]
    [InlineData(12_000, "12s")]
    [InlineData(2_712_000, "45m12s")]
    [InlineData(3_723_000, "1h2m3s")]
    [InlineData(7_200_000, "2h")]
    public void DurationText_Format_AsKubectlUsersReadIt(long ms, string text) => DurationText.Format(ms).Should().Be(text);

    private static V1Beta2SparkApplication Kubeflow(string state, string? appId)
    {
        var json = SparkApps.KubeflowPi("spark-pi");
        json["status"] = SparkApps.KubeflowStatus(state, appId);
        json["metadata"]!["uid"] = "uid-1";
        return KubernetesJson.Deserialize<V1Beta2SparkApplication>(json.ToJsonString());
    }

    private static JsonObject Apache(string[] states)
    {
        var json = SparkApps.ApachePi("pi-eventlog");
        json["status"] = SparkApps.ApacheStatus(states);
        return json;
    }
}
