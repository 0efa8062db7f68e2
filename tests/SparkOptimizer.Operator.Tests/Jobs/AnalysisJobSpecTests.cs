using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Jobs;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Jobs;

public sealed class AnalysisJobSpecTests
{
    private const long GiB = 1024L * 1024 * 1024;

    internal static AnalysisRequest Request() => new(
        new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "team-a", "nightly-etl", "app-uid"),
        new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "team-a", "nightly-etl", "app-uid"),
        "run-1", "spark-1", "COMPLETED", null, null,
        new EventLogLocation("s3a://logs/", "spark-1", false, "zstd"),
        new Dictionary<string, string> { ["sparkoptimizer.io/enabled"] = "true" },
        "30m", new Dictionary<string, string> { ["skew.ratio"] = "5" }, "nightly-etl-driver", "team-a/nightly-etl",
        [new CohortRun("run-0", null, 1000, 10, 20, RunFailureClass.Application, true, null) { Succeeded = false }])
    {
        Owner = new AppIdentity("sparkoptimizer.io/v1alpha1", "SparkOptimization", "team-a", "nightly-etl", "opt-uid"),
    };

    [Fact]
    public void Build_ForARun_IsOwnedBoundedAndRunsTheOneShotCommand()
    {
        var options = new JobOptions { ActiveDeadlineSeconds = 900, TtlSecondsAfterFinished = 300, Image = "registry/op:1", ServiceAccountName = "spark-optimizer", EnvFromSecrets = ["s3-creds"] };
        var engine = new EngineOptions { LocalEventLogRoots = ["/mnt/logs"], HistoryServerUrl = "http://shs:18080" };

        var job = AnalysisJobSpec.Build(Request(), 2, GiB, options, engine);

        job.Metadata.NamespaceProperty.Should().Be("team-a");
        job.Metadata.Name.Should().MatchRegex("^nightly-etl-analysis-[0-9a-f]{10}-2$");
        job.Metadata.OwnerReferences.Should().ContainSingle(o => o.Kind == "SparkOptimization" && o.Uid == "opt-uid" && o.Name == "nightly-etl" && o.Controller == true);
        job.Spec.BackoffLimit.Should().Be(0, "retries are the operator's, with back-off");
        job.Spec.ActiveDeadlineSeconds.Should().Be(900);
        job.Spec.TtlSecondsAfterFinished.Should().Be(300);
        var pod = job.Spec.Template.Spec;
        pod.RestartPolicy.Should().Be("Never");
        pod.ServiceAccountName.Should().Be("spark-optimizer");
        var container = pod.Containers.Single();
        container.Image.Should().Be("registry/op:1");
        container.Command.Should().BeNull("the image's entrypoint runs the operator");
        container.Args.Should().Equal("analyse-run");
        container.EnvFrom.Should().ContainSingle(e => e.SecretRef.Name == "s3-creds");
        container.Env.Should().Contain(e => e.Name == "Engine__LocalEventLogRoots__0" && e.Value == "/mnt/logs")
            .And.Contain(e => e.Name == "Engine__HistoryServerUrl" && e.Value == "http://shs:18080");
        AnalysisJson.ReadRequest(container.Env.Single(e => e.Name == AnalysisJson.RequestVariable).Value).Should().BeEquivalentTo(Request());
        container.SecurityContext.ReadOnlyRootFilesystem.Should().BeTrue();
        pod.SecurityContext.RunAsNonRoot.Should().BeTrue();
        pod.SecurityContext.RunAsUser.Should().Be(1654, "with runAsNonRoot the kubelet must see a numeric user (the image's APP_UID)");
        pod.SecurityContext.RunAsGroup.Should().Be(1654);
        container.VolumeMounts.Should().Contain(m => m.MountPath == "/tmp");
    }

    [Theory]
    [InlineData(0L, "256Mi", "512Mi", "500m")]
    [InlineData(GiB, "512Mi", "1Gi", "1000m")]
    [InlineData(4 * GiB, "1280Mi", "2560Mi", "2000m")]
    public void Resources_GrowWithTheLog(long bytes, string memoryRequest, string memoryLimit, string cpu)
    {
        var resources = JobSizing.Resources(bytes, new JobOptions());

        resources.Requests["memory"].Should().Be(new k8s.Models.ResourceQuantity(memoryRequest));
        resources.Limits["memory"].Should().Be(new k8s.Models.ResourceQuantity(memoryLimit));
        resources.Requests["cpu"].Should().Be(new k8s.Models.ResourceQuantity(cpu));
    }

    [Fact]
    public void EffectiveBytes_CompressedPartsCountTheirFactor_UnknownSizeIsUnknown()
    {
        var input = new EventLogInput("x", "rolling", [new EventLogPart("events_1.zstd", () => Stream.Null, 100), new EventLogPart("events_2", () => Stream.Null, 50)], []);
        JobSizing.EffectiveBytes(input, 8).Should().Be(850);
        JobSizing.EffectiveBytes(input with { Parts = [new EventLogPart("events_1", () => Stream.Null)] }, 8).Should().BeNull();
    }

    [Fact]
    public void FindResult_LaterLinesPrintingTheMarker_OnlyTheLineWithThisRequestsNonceCounts()
    {
        var result = new AnalysedRun { Summary = "3 findings", Changes = [new RecommendedChange("spark.executor.memory", "4g", "6g", "GC")], Gain = 0.2 };
        var forged = new AnalysedRun { Summary = "forged" };
        var log = $"info: starting\n{AnalysisJson.ResultLine(result, "n0nce")}\n"
            + $"warn: echo {AnalysisJson.ResultLine(forged, "n0nce")}\n"
            + $"{AnalysisJson.ResultMarker}{System.Text.Json.JsonSerializer.Serialize(forged, AnalysisJson.Options)}\n"
            + $"{AnalysisJson.ResultLine(forged, "other")}\nwarn: done\n";

        AnalysisJson.FindResult(log, "n0nce").Should().BeEquivalentTo(result);
        AnalysisJson.FindResult(log, "absent").Should().BeNull();
        AnalysisJson.FindResult(log, null).Should().BeNull();
        AnalysisJson.FindResult("no result here", "n0nce").Should().BeNull();
    }

    [Fact]
    public void Build_AppAnnotationsAndALogUrlWithUserInfo_TheJobCarriesOnlyOurAnnotationsAndNoUserInfo()
    {
        var request = Request() with
        {
            Annotations = new Dictionary<string, string>
            {
                ["sparkoptimizer.io/pinned"] = "spark.executor.cores",
                ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"spec\":{\"sparkConf\":{\"spark.hadoop.fs.s3a.secret.key\":\"s3cr3t\"}}}",
            },
            EventLog = new EventLogLocation("s3a://AKIAKEY:s3cr3t@logs/spark-events/", "spark-1", false, null),
        };

        var sent = AnalysisJson.ReadRequest(AnalysisJobSpec.Build(request, 1, null, new JobOptions(), new EngineOptions())
            .Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == AnalysisJson.RequestVariable).Value);

        sent.Annotations.Should().Equal(new Dictionary<string, string> { ["sparkoptimizer.io/pinned"] = "spark.executor.cores" });
        sent.EventLog.Directory.Should().Be("s3a://logs/spark-events/");
        EventLogSourceResolver.WithoutUserInfo("/mnt/logs/a@b").Should().Be("/mnt/logs/a@b");
        EventLogSourceResolver.WithoutUserInfo("abfss://container@account.dfs.core.windows.net/logs").Should().Be("abfss://container@account.dfs.core.windows.net/logs");
        EventLogSourceResolver.WithoutUserInfo("https://user:pw@shs:18080/api").Should().Be("https://shs:18080/api");
    }

    [Fact]
    public void IsBuiltFor_OnlyTheJobBuildBuildsForThatAttempt_ExtraLabelsTolerated()
    {
        k8s.Models.V1Job Built(Action<k8s.Models.V1Job>? change = null)
        {
            var job = AnalysisJobSpec.Build(Request() with { Nonce = "n" }, 2, null, new JobOptions(), new EngineOptions());
            change?.Invoke(job);
            return job;
        }

        AnalysisJobSpec.IsBuiltFor(Built(j => j.Metadata.Labels["added-by-a-webhook"] = "x"), Request(), 2).Should().BeTrue();
        AnalysisJobSpec.IsBuiltFor(Built(), Request(), 3).Should().BeFalse("the name carries attempt 2");
        AnalysisJobSpec.IsBuiltFor(Built(j => j.Metadata.OwnerReferences = null), Request(), 2).Should().BeFalse();
        AnalysisJobSpec.IsBuiltFor(Built(j => j.Metadata.OwnerReferences[0].Controller = false), Request(), 2).Should().BeFalse();
        AnalysisJobSpec.IsBuiltFor(Built(j => j.Metadata.OwnerReferences[0].Uid = "other"), Request(), 2).Should().BeFalse();
        AnalysisJobSpec.IsBuiltFor(Built(j => j.Metadata.Labels[AnalysisJobSpec.ComponentLabel] = "other"), Request(), 2).Should().BeFalse();
        AnalysisJobSpec.IsBuiltFor(Built(j => j.Metadata.Annotations[AnalysisJobSpec.RunIdAnnotation] = "run-2"), Request(), 2).Should().BeFalse();
        var unowned = Request() with { Owner = null, App = Request().App with { Uid = null } };
        AnalysisJobSpec.IsBuiltFor(AnalysisJobSpec.Build(unowned, 1, null, new JobOptions(), new EngineOptions()), unowned, 1).Should().BeTrue("no UID known: no owner expected");
    }
}
