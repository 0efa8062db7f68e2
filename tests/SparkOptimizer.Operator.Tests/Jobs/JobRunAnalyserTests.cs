using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Jobs;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Jobs;

/// <summary>
/// The operator's half of a Job against the fake API server and the fake kubelet, whose container answers at once (the real
/// one-shot command runs in <see cref="AnalysisJobEndToEndTests"/>): what a Job is given, and how its result is read back.
/// </summary>
public sealed class JobRunAnalyserTests
{
    private const string Ns = "team-a";
    private static readonly AnalysedRun Result = new() { Summary = "2 findings", Changes = [new RecommendedChange("spark.executor.memory", "4g", "6g", "GC")] };

    [Fact]
    public async Task AnalyseAsync_AppWithSecretsInLastAppliedAndUserInfoInTheLogUrl_TheCreatedJobCarriesNeither()
    {
        await using var fixture = await Fixture.StartAsync();
        var jobs = new ConcurrentQueue<string>();
        fixture.Kubelet.Runner = (run, _) =>
        {
            jobs.Enqueue(fixture.Server.Store.Get(ResourceType.Jobs, run.Namespace, run.Job)!.ToJsonString());
            return Task.FromResult(Answer(run));
        };
        var manifest = new JsonObject
        {
            ["apiVersion"] = "sparkoperator.k8s.io/v1beta2",
            ["kind"] = "SparkApplication",
            ["spec"] = new JsonObject { ["sparkConf"] = new JsonObject { ["spark.hadoop.fs.s3a.secret.key"] = PlantedSecrets.Values[0] } },
        };
        var run = Run(new Dictionary<string, string>
        {
            ["kubectl.kubernetes.io/last-applied-configuration"] = manifest.ToJsonString(),
            ["sparkoptimizer.io/pinned"] = "spark.executor.cores",
            ["sparkoptimizer.io/enabled"] = "true",
        });
        var location = new EventLogLocation($"s3a://AKIAIOSFODNN7EXAMPLE:{PlantedSecrets.Values[5]}@bucket/spark-events/", "spark-1", true, null);

        var result = await fixture.Analyser().AnalyseAsync(AnalysisRequest.From(run, location, "team-a/etl", []), null, CancellationToken.None);

        result.Should().BeEquivalentTo(Result);
        var job = jobs.Should().ContainSingle().Subject;
        job.Should().NotContain(PlantedSecrets.Values[0]).And.NotContain(PlantedSecrets.Values[5]).And.NotContain("AKIAIOSFODNN7EXAMPLE")
            .And.NotContain("last-applied-configuration");
        var request = AnalysisJson.ReadRequest(JsonNode.Parse(job)!["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Single(e => e!["name"]!.GetValue<string>() == AnalysisJson.RequestVariable)!["value"]!.GetValue<string>());
        request.Annotations.Should().ContainKey("sparkoptimizer.io/pinned").And.ContainKey("sparkoptimizer.io/enabled").And.HaveCount(2);
        request.EventLog.Uri.Should().Be("s3a://bucket/spark-events/eventlog_v2_spark-1");
        fixture.Kubelet.Refusals.Should().BeEmpty("the Job runs as a numeric non-root user");
    }

    [Fact]
    public async Task AnalyseAsync_LogLinesAfterTheResultPrintTheMarker_OnlyTheLineWithThisRequestsNonceCounts()
    {
        await using var fixture = await Fixture.StartAsync();
        fixture.Kubelet.Runner = (run, _) =>
        {
            var answer = Answer(run);
            var noise = string.Concat(Enumerable.Range(0, 5000).Select(i => $"info: stage {i} parsed\n"));
            var forged = AnalysisJson.ResultMarker + System.Text.Json.JsonSerializer.Serialize(new AnalysedRun { Summary = "forged" }, AnalysisJson.Options);
            var otherNonce = AnalysisJson.ResultLine(new AnalysedRun { Summary = "other nonce" }, "0123456789abcdef0123456789abcdef");
            return Task.FromResult(answer with { Log = noise + answer.Log + $"warn: {forged}\n{forged}\n{otherNonce}\n" });
        };

        var result = await fixture.Analyser().AnalyseAsync(AnalysisJobSpecTests.Request(), null, CancellationToken.None);

        result.Should().BeEquivalentTo(Result);
        fixture.Server.Requests.Where(r => r.Path.EndsWith("/log", StringComparison.Ordinal)).Should().OnlyContain(r => r.Query.Contains("tailLines=", StringComparison.Ordinal),
            "a long log is read from its end, not loaded whole");
    }

    [Fact]
    public async Task AnalyseAsync_ConnectionDroppedWhileListingTheJobsPods_IsAFailedAttemptRetriedAfterBackoff()
    {
        await using var fixture = await Fixture.StartAsync();
        fixture.Kubelet.Runner = (run, _) => Task.FromResult(Answer(run));
        fixture.Server.Faults.DropNext(1, r => r is { Method: "GET", Plural: "pods", Subresource: null, IsWatch: false } && r.Path.Contains("/namespaces/", StringComparison.Ordinal));

        var result = await fixture.Analyser().AnalyseAsync(AnalysisJobSpecTests.Request(), null, CancellationToken.None);

        result.Should().BeEquivalentTo(Result);
        fixture.Kubelet.Runs.Should().HaveCount(2, "the first attempt failed on the dropped connection, the second read its result");
    }

    [Fact]
    public async Task AnalyseAsync_EveryAttemptFails_RetriesAfterTheDoublingBackOffOnTheOperatorsClock_ThenGivesUp()
    {
        await using var fixture = await Fixture.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var started = new ConcurrentQueue<DateTimeOffset>();
        fixture.Kubelet.Runner = (_, _) =>
        {
            started.Enqueue(time.GetUtcNow());
            return Task.FromResult(new KubeletExit(1, "error: no log"));
        };

        var analysis = fixture.Analyser(o => { o.MaxAttempts = 3; o.RetryBackoff = TimeSpan.FromSeconds(30); o.ActiveDeadlineSeconds = 86_400; }, time: time)
            .AnalyseAsync(AnalysisJobSpecTests.Request(), null, CancellationToken.None);
        await fixture.Server.WaitUntilAsync(() => { time.Advance(TimeSpan.FromSeconds(1)); return analysis.IsCompleted; }, TimeSpan.FromSeconds(60), "three attempts made");

        var act = () => analysis;
        (await act.Should().ThrowAsync<AnalysisGaveUpException>()).Which.Message.Should().Contain("failed 3 time(s)");
        var times = started.ToArray();
        times.Should().HaveCount(3);
        (times[1] - times[0]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(30), "the second attempt waits RetryBackoff");
        (times[2] - times[1]).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(60), "the third waits twice that");
    }

    [Fact]
    public async Task AnalyseAsync_RequestPastTheCap_FailsClearlyWithoutCreatingAJob()
    {
        await using var fixture = await Fixture.StartAsync();
        var request = AnalysisJobSpecTests.Request() with
        {
            Proposals = Enumerable.Range(0, 2000).Select(i => new ProposedChangeSet($"{i:D16}", new Dictionary<string, string> { ["spark.executor.memory"] = $"{i}g" })).ToArray(),
        };

        var act = () => fixture.Analyser().AnalyseAsync(request, null, CancellationToken.None);

        (await act.Should().ThrowAsync<AnalysisGaveUpException>()).Which.Message.Should().Contain("KiB").And.Contain("100 KiB");
        fixture.Server.Requests.Should().NotContain(r => r.Method == "POST" && r.Path.EndsWith("/jobs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FakeKubelet_NamedImageUserAndNoNumericRunAsUser_RefusesThePod_AndTheJobFailsAtItsDeadline()
    {
        await using var fixture = await Fixture.StartAsync();
        fixture.Kubelet.Runner = (run, _) => Task.FromResult(Answer(run));

        var act = () => fixture.Analyser(o => { o.RunAsUser = null; o.ActiveDeadlineSeconds = 1; o.MaxAttempts = 1; })
            .AnalyseAsync(AnalysisJobSpecTests.Request(), null, CancellationToken.None);

        (await act.Should().ThrowAsync<AnalysisGaveUpException>()).Which.Message.Should().Contain("timed out (DeadlineExceeded");
        fixture.Kubelet.Refusals.Should().ContainSingle().Which.Should().Contain("image has non-numeric user (app), cannot verify user is non-root");
        fixture.Kubelet.Runs.Should().BeEmpty();
    }

    [Fact]
    public async Task AnalyseAsync_AfterARestartWithTheSecondAttemptRunning_AdoptsItByTheRunLabel_AndStartsNoOtherJob()
    {
        await using var fixture = await Fixture.StartAsync();
        var release = new TaskCompletionSource();
        fixture.Kubelet.Runner = async (run, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return Answer(run);
        };
        var request = AnalysisJobSpecTests.Request();
        // left by the operator before the restart: its second attempt, with the nonce of that operator's request
        var left = AnalysisJobSpec.Build(request with { Nonce = "before-the-restart" }, 2, null, new JobOptions(), new EngineOptions());
        fixture.Server.Store.Create(ResourceType.Jobs, left.Metadata.NamespaceProperty, JsonNode.Parse(KubernetesJson.Serialize(left))!.AsObject());

        var analysis = fixture.Analyser().AnalyseAsync(request, null, CancellationToken.None);
        await fixture.Server.WaitUntilAsync(() => fixture.Server.Requests.Any(r => r.IsWatch && r.Path.Contains("/namespaces/", StringComparison.Ordinal) && r.Path.EndsWith("/jobs", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the operator waits for the adopted Job");
        release.SetResult();
        var result = await analysis.WaitAsync(TimeSpan.FromSeconds(60));

        result.Should().BeEquivalentTo(Result);
        fixture.Kubelet.Runs.Should().ContainSingle().Which.Job.Should().Be(left.Metadata.Name);
        fixture.Server.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/jobs", StringComparison.Ordinal) && r.Status is >= 200 and < 300)
            .Should().BeEmpty("no attempt is started again beside the one adopted");
    }

    [Fact]
    public async Task AnalyseAsync_LastLinesOfTheLogPassTheByteCap_TheResultLineAtTheEndIsStillRead()
    {
        await using var fixture = await Fixture.StartAsync();
        fixture.Kubelet.Runner = (run, _) =>
        {
            var answer = Answer(run);
            var line = $"info: {new string('x', 90 * 1024)}\n";
            return Task.FromResult(answer with { Log = string.Concat(Enumerable.Repeat(line, JobDefaults.ResultTailLines)) + answer.Log });
        };

        var result = await fixture.Analyser(o => o.MaxAttempts = 1).AnalyseAsync(AnalysisJobSpecTests.Request(), null, CancellationToken.None);

        result.Should().BeEquivalentTo(Result, "the result line is printed last, so the end of an over-long tail is what is kept");
    }

    [Fact]
    public async Task AnalyseAsync_HistoryServerUrlWithUserInfo_TheCreatedJobCarriesNoPassword()
    {
        await using var fixture = await Fixture.StartAsync();
        var jobs = new ConcurrentQueue<string>();
        fixture.Kubelet.Runner = (run, _) =>
        {
            jobs.Enqueue(fixture.Server.Store.Get(ResourceType.Jobs, run.Namespace, run.Job)!.ToJsonString());
            return Task.FromResult(Answer(run));
        };

        var result = await fixture.Analyser(engine: new EngineOptions { HistoryServerUrl = "http://user:secret@shs:18080" })
            .AnalyseAsync(AnalysisJobSpecTests.Request(), null, CancellationToken.None);

        result.Should().BeEquivalentTo(Result);
        var job = jobs.Should().ContainSingle().Subject;
        job.Should().NotContain("secret").And.NotContain("user:").And.Contain("http://shs:18080");
    }

    [Fact]
    public async Task AnalyseAsync_PlantedJobWithAnAttemptPastMaxAttempts_IsNotAdoptedAndIsLeftAlone()
    {
        var request = AnalysisJobSpecTests.Request();
        var planted = AnalysisJobSpec.Build(request with { Nonce = "planted" }, 7, null, new JobOptions(), new EngineOptions());

        await AssertNotAdoptedAsync(request, planted, maxAttempts: 3);
    }

    [Fact]
    public async Task AnalyseAsync_PlantedJobWithoutTheOwnerReference_IsNotAdoptedAndIsLeftAlone()
    {
        var request = AnalysisJobSpecTests.Request();
        var planted = AnalysisJobSpec.Build(request with { Nonce = "planted" }, 2, null, new JobOptions(), new EngineOptions());
        planted.Metadata.OwnerReferences = null;

        await AssertNotAdoptedAsync(request, planted, maxAttempts: 3);
    }

    [Fact]
    public async Task AnalyseAsync_PlantedJobOwnedByAnotherObject_IsNotAdopted()
    {
        var request = AnalysisJobSpecTests.Request();
        var planted = AnalysisJobSpec.Build(request with { Nonce = "planted" }, 1, null, new JobOptions(), new EngineOptions());
        planted.Metadata.OwnerReferences[0].Uid = "someone-else";

        await AssertNotAdoptedAsync(request, planted, maxAttempts: 3);
    }

    /// <summary>
    /// A Job planted beside the run's (its labels, its kind of name, a forged result under its own nonce) is neither adopted nor
    /// deleted: the run's result comes from a Job the operator created.
    /// </summary>
    private static async Task AssertNotAdoptedAsync(AnalysisRequest request, V1Job planted, int maxAttempts)
    {
        await using var fixture = await Fixture.StartAsync();
        fixture.Kubelet.Runner = (run, _) => Task.FromResult(run.Job == planted.Metadata.Name
            ? new KubeletExit(0, AnalysisJson.ResultLine(new AnalysedRun { Summary = "forged" }, "planted") + "\n")
            : Answer(run));
        fixture.Server.Store.Create(ResourceType.Jobs, planted.Metadata.NamespaceProperty, JsonNode.Parse(KubernetesJson.Serialize(planted))!.AsObject());

        var result = await fixture.Analyser(o => o.MaxAttempts = maxAttempts).AnalyseAsync(request, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        result.Should().BeEquivalentTo(Result);
        fixture.Server.Requests.Should().Contain(r => r.Method == "POST" && r.Path.EndsWith("/jobs", StringComparison.Ordinal) && r.Status >= 200 && r.Status < 300,
            "the operator started a Job of its own");
        fixture.Server.Store.Get(ResourceType.Jobs, planted.Metadata.NamespaceProperty, planted.Metadata.Name).Should().NotBeNull("a Job the operator did not create is left alone");
    }

    /// <summary>The one-shot command's answer: the result marked with the nonce of the request in the container's environment.</summary>
    private static KubeletExit Answer(KubeletRun run)
    {
        var nonce = AnalysisJson.ReadRequest(run.Environment[AnalysisJson.RequestVariable]).Nonce!;
        return new KubeletExit(0, $"info: analysing\n{AnalysisJson.ResultLine(Result, nonce)}\ninfo: done\n");
    }

    private static CompletedRun Run(IReadOnlyDictionary<string, string> annotations)
    {
        var app = new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", Ns, "etl", "app-uid");
        return new CompletedRun(app, app, "etl:spark-1", "spark-1", "COMPLETED", true, null, null, null, new Dictionary<string, string>(), annotations,
            new SparkOptimizationSpec(), new V1Beta2SparkApplication { Metadata = new V1ObjectMeta { Name = "etl", NamespaceProperty = Ns } });
    }

    private sealed class Fixture : IAsyncDisposable
    {
        private Fixture(FakeKubeApiServer server, FakeKubelet kubelet)
        {
            Server = server;
            Kubelet = kubelet;
        }

        public FakeKubeApiServer Server { get; }

        public FakeKubelet Kubelet { get; }

        public static async Task<Fixture> StartAsync()
        {
            var server = await FakeKubeApiServer.StartAsync();
            var kubelet = new FakeKubelet(server, ["unused"]);
            kubelet.Start();
            return new Fixture(server, kubelet);
        }

        public JobRunAnalyser Analyser(Action<JobOptions>? configure = null, EngineOptions? engine = null, TimeProvider? time = null)
        {
            var options = new JobOptions { Enabled = true, RetryBackoff = TimeSpan.FromMilliseconds(50), ActiveDeadlineSeconds = 60 };
            configure?.Invoke(options);
            var client = new Kubernetes(new KubernetesClientConfiguration { Host = Server.BaseUri.ToString().TrimEnd('/'), AccessToken = "test" });
            return new JobRunAnalyser(client, options, engine ?? new EngineOptions(), time ?? TimeProvider.System, NullLogger.Instance);
        }

        public async ValueTask DisposeAsync()
        {
            await Kubelet.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
