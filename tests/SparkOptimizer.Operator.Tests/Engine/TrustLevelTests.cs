using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Publishing.GitHub;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.GitHub;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Trust;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Engine;

/// <summary>One end-to-end run per trust level on the app's SparkOptimization: what reaches status and Git.</summary>
public sealed class TrustLevelTests
{
    private const string AppId = "spark-110be3a8424d4a2789cb88134418217b";

    [Theory]
    [InlineData("observe", false, false)]
    [InlineData("recommend", true, false)]
    [InlineData("pullRequest", true, true)]
    [InlineData("autoMerge", true, true)]
    public async Task CompletedRun_AtTrustLevel_ShowsAndProposesOnlyWhatTheLevelAllows(string level, bool recommendations, bool pullRequest)
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml"));
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string> { ["apps/spark-pi.yaml"] = manifest });
        await using var harness = await OperatorHarness.StartAsync();
        harness.Server.Store.Create(ResourceType.SparkOptimizations, SparkApps.Namespace, new JsonObject
        {
            ["apiVersion"] = "sparkoptimizer.io/v1alpha1",
            ["kind"] = "SparkOptimization",
            ["metadata"] = new JsonObject { ["name"] = "spark-pi", ["namespace"] = SparkApps.Namespace },
            ["spec"] = new JsonObject
            {
                ["target"] = new JsonObject { ["apiVersion"] = "sparkoperator.k8s.io/v1beta2", ["kind"] = "SparkApplication", ["name"] = "spark-pi" },
                ["trustLevel"] = level,
            },
        });
        var app = SparkApps.KubeflowPi("spark-pi");
        app["spec"]!["sparkConf"] = new JsonObject
        {
            ["spark.eventLog.dir"] = PressuredTaxiRun.Events,
            ["spark.eventLog.rolling.enabled"] = "true",
        };
        app["status"] = SparkApps.KubeflowStatus("COMPLETED", AppId, minutes: 5);
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
        var processor = new EngineRunProcessor(
            EngineParts.Finder(Corpus.EventLogs),
            new AnalysisPipeline(),
            EngineParts.Publisher(github),
            null,
            new EngineOptions(),
            NullLogger<EngineRunProcessor>.Instance,
            null,
            new CohortLedger(),
            new TrustPolicy(TrustLevel.AutoMerge));

        harness.StartOperatorWith(processor);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
        status["findings"].Should().NotBeNull("every level shows findings");
        ((status["recommendations"] as JsonArray)?.Count > 0).Should().Be(recommendations);
        repo.PullRequests.Should().HaveCount(pullRequest ? 1 : 0);
        repo.PullRequests.Should().NotContain(pr => pr.State != "open", "nothing is merged by the operator, and a cohort's first change always waits for a person");
    }

    [Fact]
    public async Task AutoMerge_EstablishedCohortWithAnEarlierMergeAndOnlyLowRiskChanges_MergesItsPullRequest()
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(Fixtures.K8s, "spark-operator", "examples", "spark-pi.yaml"));
        await using var github = await FakeGitHubServer.StartAsync();
        var repo = await github.CreateRepositoryAsync("acme", "gitops", new Dictionary<string, string> { ["apps/spark-pi.yaml"] = manifest });
        await using var harness = await OperatorHarness.StartAsync();
        harness.Server.Store.Create(ResourceType.SparkOptimizations, SparkApps.Namespace, new JsonObject
        {
            ["apiVersion"] = "sparkoptimizer.io/v1alpha1",
            ["kind"] = "SparkOptimization",
            ["metadata"] = new JsonObject { ["name"] = "spark-pi", ["namespace"] = SparkApps.Namespace },
            ["spec"] = new JsonObject
            {
                ["target"] = new JsonObject { ["apiVersion"] = "sparkoperator.k8s.io/v1beta2", ["kind"] = "SparkApplication", ["name"] = "spark-pi" },
                ["trustLevel"] = "autoMerge",
            },
        });

        // The cohort is established and has run under an earlier merged change; sizing keys are pinned, so what is left is low-risk.
        var ledger = new CohortLedger();
        var earlier = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            await ledger.AddRunAsync("default/spark-pi", new CohortRun($"earlier-{i}", earlier.AddDays(i), 300_000, 0, 2L << 30, RunFailureClass.None, false, "an-earlier-change"), null, CancellationToken.None);
        }

        // The pandas run: 200-task SQL shuffles of ~50 KiB sized by spark.sql.shuffle.partitions (AQE off), a low-risk lever.
        var app = SparkApps.CompletedKubeflowPi(eventLogDir: PressuredTaxiRun.PandasEvents, appId: PressuredTaxiRun.PandasAppId);
        app["metadata"]!["annotations"]![ValidationContext.PinnedAnnotation] =
            "spark.executor.memory,spark.executor.instances,spark.executor.cores,spark.executor.memoryOverhead,spark.dynamicAllocation.enabled,spark.sql.adaptive.enabled,spark.driver.memory,"
            + "spark.dynamicAllocation.shuffleTracking.enabled,spark.dynamicAllocation.minExecutors,spark.dynamicAllocation.maxExecutors,spark.dynamicAllocation.executorIdleTimeout";
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
        var processor = new EngineRunProcessor(
            EngineParts.Finder(Corpus.EventLogs), new AnalysisPipeline(), EngineParts.Publisher(github), null, new EngineOptions(),
            NullLogger<EngineRunProcessor>.Instance, null, ledger, new TrustPolicy(TrustLevel.AutoMerge));

        harness.StartOperatorWith(processor);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
        var keys = status["recommendations"]!.AsArray().Select(r => r!["key"]!.GetValue<string>()).ToArray();
        keys.Should().NotBeEmpty().And.OnlyContain(k => TrustPolicy.IsLowRisk(new Analysis.ConfigChange(k, null, "x", string.Empty)), "the sizing keys are pinned");
        var pr = repo.PullRequests.Should().ContainSingle().Subject;
        pr.Merged.Should().BeTrue("an autoMerge app's low-risk change set in an established cohort is merged by the operator");
        status["pullRequest"]!["state"]!.GetValue<string>().Should().Be("merged");
        var main = (await repo.ReadFileAsync("main", "apps/spark-pi.yaml"))!;
        main.Should().NotBe(manifest).And.Contain("spark.sql.shuffle.partitions");
    }
}
