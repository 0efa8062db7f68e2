using SparkOptimizer.Ingest;
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
    public void FindResult_AmongLogLines_ReadsTheMarkedLine()
    {
        var result = new AnalysedRun { Summary = "3 findings", Changes = [new RecommendedChange("spark.executor.memory", "4g", "6g", "GC")], Gain = 0.2 };
        var log = $"info: starting\n{AnalysisJson.ResultLine(result)}\nwarn: done\n";

        AnalysisJson.FindResult(log).Should().BeEquivalentTo(result);
        AnalysisJson.FindResult("no result here").Should().BeNull();
    }
}
