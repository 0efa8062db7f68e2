using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Jobs;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Operator.Rbac;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Publishing.GitHub;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.GitHub;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;
using RecordedRequest = SparkOptimizer.Testing.Kubernetes.RecordedRequest;

namespace SparkOptimizer.Tests.Jobs;

/// <summary>
/// The Job path end to end: the operator creates a batch/v1 Job, the fake kubelet runs its command with the real operator binary
/// (<c>dotnet SparkOptimizer.Operator.dll analyse-run</c>), and the operator reads the result from the pod's log, writes status and
/// opens the pull request. Compared with the same run analysed in the operator's process.
/// </summary>
public sealed class AnalysisJobEndToEndTests
{
    private const string AppId = "spark-110be3a8424d4a2789cb88134418217b";
    private const string ManifestPath = "apps/spark-pi.yaml";

    [Fact]
    public async Task LargeLog_AnalysedInAJob_EndsWithTheSameStatusAndPullRequestAsInProcess()
    {
        var inProcess = await RunAsync(jobs: null);
        var inJob = await RunAsync(new JobOptions { Enabled = true, SizeThresholdBytes = 1 });

        inJob.Kubelet.Should().Equal(["analyse-run"], "exactly one Job ran the one-shot command");
        inProcess.Kubelet.Should().BeEmpty();
        Comparable(inJob.Status).Should().Be(Comparable(inProcess.Status));
        inJob.Status["recommendations"]!.AsArray().Should().NotBeEmpty();
        inJob.Status["pullRequest"]!["number"]!.GetValue<int>().Should().BePositive();
        inJob.PullRequestBody.Should().Be(inProcess.PullRequestBody).And.NotBeNullOrEmpty();
        inJob.Manifest.Should().Be(inProcess.Manifest);

        var spec = inJob.JobSpecs.Should().ContainSingle().Subject;
        spec["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>().Should().Be("SparkOptimization");
        spec["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>().Should().Be(inJob.OptimizationUid);
        spec["spec"]!["backoffLimit"]!.GetValue<int>().Should().Be(0);
        spec["spec"]!["activeDeadlineSeconds"]!.GetValue<int>().Should().Be(120);
        spec["spec"]!["ttlSecondsAfterFinished"]!.GetValue<int>().Should().Be(600);
        var logBytes = new DirectoryInfo(Path.GetDirectoryName(PressuredTaxiRun.EventFile)!).GetFiles().Sum(f => f.Length);
        spec["metadata"]!["annotations"]![AnalysisJobSpec.LogBytesAnnotation]!.GetValue<string>().Should().Be(logBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var resources = spec["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!;
        resources["requests"]!["memory"]!.GetValue<string>().Should().Be("320Mi", "256 MiB + 256 MiB per GiB of a 0.5 MB log, rounded up to 64 MiB");
        resources["limits"]!["memory"]!.GetValue<string>().Should().Be("640Mi");
        resources["requests"]!["cpu"]!.GetValue<string>().Should().Be("500m");
        inJob.Metrics.Should().Contain("sparkoptimizer_analyses_total{where=\"job\"} 1").And.Contain("sparkoptimizer_analysis_jobs_total{result=\"succeeded\"} 1");
        inJob.UngrantedJobCalls.Should().BeEmpty("the operator's Job calls are all in OperatorPermissions.AnalysisJobs");
        inJob.JobsLeft.Should().Be(0, "a Job is deleted once its result is read");
    }

    [Fact]
    public async Task FailedFirstJob_IsRetriedWithBackoff_AndTheSecondSucceeds()
    {
        var outcome = await RunAsync(new JobOptions { Enabled = true, SizeThresholdBytes = 1 }, failWhen: job => job["metadata"]!["name"]!.GetValue<string>().EndsWith("-1", StringComparison.Ordinal));

        outcome.Kubelet.Should().HaveCount(2);
        outcome.Status["phase"]!.GetValue<string>().Should().Be("Analyzed");
        outcome.Status["recommendations"]!.AsArray().Should().NotBeEmpty();
        outcome.Metrics.Should().Contain("sparkoptimizer_analysis_jobs_total{result=\"failed\"} 1").And.Contain("sparkoptimizer_analysis_jobs_total{result=\"succeeded\"} 1");
    }

    [Fact]
    public async Task JobThatAlwaysFails_EndsInAClearStatus_AndTheRunIsRecorded()
    {
        var outcome = await RunAsync(new JobOptions { Enabled = true, SizeThresholdBytes = 1, MaxAttempts = 2 }, failWhen: _ => true);

        outcome.Kubelet.Should().HaveCount(2, "two attempts, then the run is given up (the pipeline does not retry again)");
        outcome.Status["phase"]!.GetValue<string>().Should().Be("Error");
        outcome.ProcessedRuns.Should().ContainSingle();
        var message = outcome.Status["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Analyzed")!["message"]!.GetValue<string>();
        message.Should().Contain("could not be analysed").And.Contain("the analysis Job failed 2 time(s)").And.Contain("told to fail");
    }

    [Fact]
    public async Task JobPastItsDeadline_TimesOut_AndSaysSo()
    {
        var outcome = await RunAsync(new JobOptions { Enabled = true, SizeThresholdBytes = 1, MaxAttempts = 1, ActiveDeadlineSeconds = 1 },
            runner: _ => async (run, ct) =>
            {
                await Task.Delay(run.Deadline!.Value, ct); // the kubelet kills it at the deadline
                return new KubeletExit(137, "still parsing\n", DeadlineExceeded: true);
            });

        outcome.Status["phase"]!.GetValue<string>().Should().Be("Error");
        outcome.Status.ToJsonString().Should().Contain("timed out (DeadlineExceeded");
        outcome.Metrics.Should().Contain("sparkoptimizer_analysis_jobs_total{result=\"timed-out\"} 1");
    }

    [Fact]
    public async Task WatchDroppedWhileTheJobRuns_ResumesFromTheJob_AndUsesExactlyTheGrantedCalls()
    {
        var outcome = await RunAsync(new JobOptions { Enabled = true, SizeThresholdBytes = 1 }, runner: server => async (run, ct) =>
        {
            // the operator's watch on its Job (beside the kubelet's own) ends: it reads the Job again and resumes
            await server.WaitUntilAsync(() => server.OpenWatches(ResourceType.Jobs) >= 2, OperatorHarness.Timeout, "the operator watches its Job");
            server.Faults.DropWatches();
            return await FakeKubelet.RunProcessAsync(run, ct);
        });

        outcome.Status["phase"]!.GetValue<string>().Should().Be("Analyzed");
        outcome.UngrantedJobCalls.Should().BeEmpty();
        var granted = OperatorPermissions.AnalysisJobs.SelectMany(r => r.Grants).Append(("", "pods/log", "get"));
        outcome.UsedJobCalls.Should().BeEquivalentTo(granted, "every Job permission is used, and nothing else about Jobs");
    }

    [Fact]
    public async Task SmallLog_StaysInProcess()
    {
        var outcome = await RunAsync(new JobOptions { Enabled = true, SizeThresholdBytes = 1L << 40 });

        outcome.Kubelet.Should().BeEmpty();
        outcome.JobSpecs.Should().BeEmpty();
        outcome.Status["recommendations"]!.AsArray().Should().NotBeEmpty();
        outcome.Metrics.Should().Contain("sparkoptimizer_analyses_total{where=\"in-process\"} 1");
    }

    private sealed record Outcome(JsonObject Status, IReadOnlyList<string> ProcessedRuns, string? OptimizationUid, string PullRequestBody, string? Manifest,
        IReadOnlyList<string> Kubelet, IReadOnlyList<JsonObject> JobSpecs, string Metrics, IReadOnlyList<string> UngrantedJobCalls, int JobsLeft,
        IReadOnlyList<(string Group, string Resource, string Verb)> UsedJobCalls);

    private static async Task<Outcome> RunAsync(JobOptions? jobs, Func<JsonObject, bool>? failWhen = null,
        Func<FakeKubeApiServer, Func<KubeletRun, CancellationToken, Task<KubeletExit>>>? runner = null)
    {
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string>
        {
            [ManifestPath] = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml")),
        });
        await using var harness = await OperatorHarness.StartAsync();
        var kubeconfig = harness.WriteKubeconfig();
        try
        {
            await using var kubelet = new FakeKubelet(harness.Server, OperatorBinary.Entrypoint, new Dictionary<string, string> { ["Operator__Kubeconfig"] = kubeconfig }) { FailWhen = failWhen };
            if (runner is not null)
            {
                kubelet.Runner = runner(harness.Server);
            }

            kubelet.Start();
            var metrics = new OperatorMetrics();
            var engine = new EngineOptions { LocalEventLogRoots = [Corpus.EventLogs, PressuredTaxiRun.Root] };
            if (jobs is not null)
            {
                jobs.ActiveDeadlineSeconds = jobs.ActiveDeadlineSeconds == new JobOptions().ActiveDeadlineSeconds ? 120 : jobs.ActiveDeadlineSeconds;
                jobs.RetryBackoff = TimeSpan.FromMilliseconds(50);
                engine.Jobs = jobs;
            }

            var client = harness.NewClient();
            var finder = new EventLogFinder(SourceOptions.Default, null, new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, null, [Corpus.EventLogs, PressuredTaxiRun.Root]));
            var podLogs = new PodLogSource(client, NullLogger<PodLogSource>.Instance);
            IRunAnalyser analyser = new InProcessRunAnalyser(finder, new AnalysisPipeline(), engine, NullLogger.Instance, podLogs, metrics: metrics);
            if (jobs is not null)
            {
                analyser = new RoutingRunAnalyser(analyser, new JobRunAnalyser(client, jobs, engine, TimeProvider.System, NullLogger.Instance, metrics),
                    finder, jobs, NullLogger.Instance, metrics);
            }

            var processor = new EngineRunProcessor(finder, new AnalysisPipeline(),
                new GitHubPullRequestPublisher(new GitHubPublisherOptions { BaseUrl = github.BaseUri, Token = "test-token", Owner = "acme", Repository = "gitops" }, TimeProvider.System, (_, _) => Task.CompletedTask),
                null, engine, NullLogger<EngineRunProcessor>.Instance, podLogs: podLogs, analyser: analyser);
            harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, CompletedApp());
            var op = harness.StartOperatorWith(processor);
            await harness.Server.WaitUntilAsync(() => harness.ProcessedRuns(SparkApps.Namespace, "spark-pi").Count >= 1, TimeSpan.FromSeconds(90), "the run was processed");
            await op.StopAsync();

            var optimization = harness.Optimization(SparkApps.Namespace, "spark-pi")!;
            var branch = new SparkOptimizer.Publishing.AppIdentity("SparkApplication", "sparkoperator.k8s.io/v1beta2", SparkApps.Namespace, "spark-pi").BranchName;
            var requests = harness.Server.Requests;
            var jobSpecs = requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/jobs", StringComparison.Ordinal)).Select(r => JsonNode.Parse(r.Body!)!.AsObject()).ToList();
            return new Outcome(
                optimization["status"]!.AsObject(),
                harness.ProcessedRuns(SparkApps.Namespace, "spark-pi"),
                optimization["metadata"]!["uid"]?.GetValue<string>(),
                repo.PullRequests.SingleOrDefault()?.Body ?? string.Empty,
                repo.PullRequests.Count == 0 ? null : await repo.ReadFileAsync(branch, ManifestPath),
                kubelet.Runs.Select(r => r.CommandLine[^1]).ToList(),
                jobSpecs,
                await metrics.ExportAsync(),
                requests.Where(IsOperatorJobCall).Select(RbacGrant.Of).Where(g => !Granted.Contains(g)).Select(g => g.ToString()).Distinct().ToList(),
                harness.Server.Store.List(ResourceType.Jobs, SparkApps.Namespace).Items.Count(j => j["status"]?["succeeded"] is not null),
                requests.Where(IsOperatorJobCall).Select(RbacGrant.Of).Distinct().ToList());
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static readonly HashSet<(string, string, string)> Granted =
        [.. OperatorPermissions.For(kubeflow: true, apache: true, leaderElection: false, analysisJobs: true).SelectMany(r => r.Grants)];

    /// <summary>The operator's calls about Jobs and their pods (the kubelet's own writes, and its cluster-wide watch, are not the operator's).</summary>
    private static bool IsOperatorJobCall(RecordedRequest r) =>
        r.Path.Contains("/namespaces/", StringComparison.Ordinal)
        && (r.Path.Contains("/jobs", StringComparison.Ordinal) || r.Path.Contains("/pods", StringComparison.Ordinal))
        && !r.Path.EndsWith("/status", StringComparison.Ordinal)
        && !(r.Method is "POST" or "DELETE" && r.Path.Contains("/pods", StringComparison.Ordinal));

    /// <summary>The status without the fields that name times, and with the fake GitHub's port masked (they differ between two runs).</summary>
    private static string Comparable(JsonObject status)
    {
        var copy = status.DeepClone().AsObject();
        Strip(copy);
        return System.Text.RegularExpressions.Regex.Replace(copy.ToJsonString(), @"127\.0\.0\.1:\d+", "127.0.0.1:PORT");

        static void Strip(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                foreach (var key in obj.Select(p => p.Key).Where(k => k.EndsWith("Time", StringComparison.Ordinal) || k.EndsWith("At", StringComparison.Ordinal)).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, child) in obj)
                {
                    Strip(child);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                {
                    Strip(child);
                }
            }
        }
    }

    private static JsonObject CompletedApp() => SparkApps.CompletedKubeflowPi();
}
