using SparkOptimizer.History;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>
/// `spark-optimizer mcp --history FILE` as a separate process, over a run history that the CLI itself wrote from real logs
/// (`analyze LOGS --history FILE`), to which the store's API then added what the operator records: two later runs of the
/// "Spark shell" cohort with predictions (one inside its interval, one not), verifications and a proposal.
/// </summary>
public sealed class McpHistoryServerFixture : McpServerFixture
{
    public const string Cohort = "Spark shell";

    public const string InsideRun = "rerun-inside";

    public const string OutsideRun = "rerun-outside";

    private const string Profiling = "spark-rapids-tools/spark-events-profiling/";

    private readonly TempDir _dir = new();

    public string HistoryFile => _dir.File("history.db");

    /// <summary>The two runs of the cohort that the CLI recorded, oldest first, as the store returned them after the additions.</summary>
    public IReadOnlyList<RunRecord> CliRuns { get; private set; } = [];

    public static string FirstLog => Corpus.Path(Profiling + "eventlog_dsv1.zstd");

    public static string SecondLog => Corpus.Path(Profiling + "eventlog_dsv2.zstd");

    public static PredictedRun PredictionInside(long durationMs) => new(durationMs, durationMs * 9 / 10, durationMs * 11 / 10, 0.42m, 0.8, "ReplayWithErnest");

    public static PredictedRun PredictionOutside(long durationMs) => new(durationMs / 2, durationMs * 4 / 10, durationMs * 6 / 10, null, 0.8, "Replay");

    protected override IList<string> ServerArguments => ["mcp", "--history", HistoryFile];

    protected override async Task PrepareAsync()
    {
        var (exit, _, stderr) = CliRunner.Run(
            "analyze", FirstLog, SecondLog, Corpus.Path("dr-elephant/event_log_1"), Corpus.Path("sparklint/spark_event_log_example"),
            "--format", "json", "--history", HistoryFile);
        exit.Should().Be(0, stderr);
        stderr.Should().Contain("history: recorded 4 run(s)");

        await using var store = await SqliteRunHistoryStore.OpenAsync(HistoryFile);
        var cli = await store.GetCohortAsync(Cohort);
        cli.Should().HaveCount(2);
        var (first, second) = (cli[0], cli[1]);
        var day = TimeSpan.FromDays(1);
        (await store.RecordVerificationAsync(second.Key, new Verification(VerificationState.Verified, second.FinishedAt, 4.25, "inside the interval"))).Should().BeTrue();
        (await store.RecordAsync(first with
        {
            AppId = InsideRun,
            StartedAt = first.StartedAt + day,
            FinishedAt = first.FinishedAt + day,
            Prediction = PredictionInside(first.DurationMs!.Value),
            Verification = new Verification(VerificationState.Verified, first.FinishedAt + day, 1.5),
        })).Should().BeTrue();
        (await store.RecordAsync(second with
        {
            AppId = OutsideRun,
            StartedAt = second.StartedAt + day + day,
            FinishedAt = second.FinishedAt + day + day,
            Prediction = PredictionOutside(second.DurationMs!.Value),
            Verification = new Verification(VerificationState.Regressed, second.FinishedAt + day + day, 100, "slower than the interval"),
        })).Should().BeTrue();
        await store.SaveProposalAsync(new ProposalRecord(
            Cohort, "fp-executors-4", new Dictionary<string, string> { ["spark.executor.instances"] = "4", ["spark.executor.cores"] = "3" },
            [new ProposalEdit("spark.executor.instances", "spec.executor.instances", "1", "4")],
            PredictionOutside(second.DurationMs!.Value), second.DurationMs, second.InputBytes, 42, "https://github.example/acme/jobs/pull/42",
            ProposalStatus.Regressed, second.FinishedAt!.Value));
        CliRuns = (await store.GetCohortAsync(Cohort)).Take(2).ToList();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }
}
