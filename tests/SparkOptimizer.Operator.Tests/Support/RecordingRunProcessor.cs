using System.Collections.Concurrent;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Tests.Support;

/// <summary>A test double of our own seam: records every run it is given and answers with a canned analysis.</summary>
public sealed class RecordingRunProcessor : IRunProcessor
{
    private readonly ConcurrentQueue<CompletedRun> calls = new();

    public IReadOnlyList<CompletedRun> Calls => calls.ToArray();

    public Func<CompletedRun, RunAnalysis> Answer { get; set; } = Canned;

    public event Action? Called;

    public Task<RunAnalysis> ProcessAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        calls.Enqueue(run);
        Called?.Invoke();
        return Task.FromResult(Answer(run));
    }

    public static RunAnalysis Canned(CompletedRun run) => new()
    {
        DurationMs = 2_712_000,
        Cost = 12.5,
        Findings = new FindingCounts(1, 1, 0, 2),
        TopFindings = [new TopFinding("critical", "Data skew", "stage 5: 90% of data in 2 of 200 tasks"), new TopFinding("severe", "Memory pressure")],
        Recommendations = [new RecommendedChange("spark.executor.memory", "4g", "8g", "heap 95% used")],
        Prediction = new RunPrediction(1_800_000, 1_600_000, 2_000_000, 8.0, 7.0, 9.0, 4.5, 36),
        PullRequest = new PullRequestInfo(7, "https://github.example/o/r/pull/7", "open", $"sparkoptimizer/{run.App.Namespace}/{run.App.Name}", "fp-1", PullRequestAction.Opened),
    };
}
