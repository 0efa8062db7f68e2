using SparkOptimizer.History;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Testing;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Engine;

/// <summary>The ledger over a real SQLite history: what one operator process learnt, the next one (a restart, a second replica) knows.</summary>
public sealed class CohortLedgerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CohortRun Run(int i, string? change = null, bool oom = false) =>
        new($"spark-{i}", T0.AddHours(i), 600_000 + i, 1L << 30, (4L << 30) + i, oom ? RunFailureClass.Application : RunFailureClass.None, oom, change) { Succeeded = !oom };

    private static RunRecord Record(CohortRun run) => new(
        "ignored", run.RunId, string.Empty, run.Start, run.Start?.AddMinutes(10), run.DurationMs, new Dictionary<string, string>(),
        new RunShape(4, 4, 8L << 30, 200), run.InputBytes, null, null, FindingsSummary.Empty, null, History.Verification.None);

    private static ProposalRecord Proposal(string fingerprint) => new(
        "ns/job", fingerprint, new Dictionary<string, string> { ["spark.sql.shuffle.partitions"] = "400" }, [], null, 600_000, 1L << 30, 5, null, ProposalStatus.Proposed, T0);

    [Fact]
    public async Task AfterARestart_RunsAndProposalsComeBackFromTheStore()
    {
        var path = _dir.File("history.db");
        await using (var store = await SqliteRunHistoryStore.OpenAsync(path))
        {
            var ledger = new CohortLedger(store);
            await ledger.AddRunAsync("ns/job", Run(1, oom: true), Record(Run(1)), CancellationToken.None);
            await ledger.AddRunAsync("ns/job", Run(2, "fp1"), Record(Run(2)), CancellationToken.None);
            await ledger.SaveProposalAsync(Proposal("fp1"), CancellationToken.None);
            await ledger.SaveProposalAsync(Proposal("fp1") with { Status = ProposalStatus.Applied, ProposedAt = T0.AddDays(1) }, CancellationToken.None);
        }

        await using var reopened = await SqliteRunHistoryStore.OpenAsync(path);
        var snapshot = await new CohortLedger(reopened).SnapshotAsync("ns/job", CancellationToken.None);

        snapshot.Runs.Select(r => r.RunId).Should().Equal("spark-1", "spark-2");
        snapshot.Runs[0].MemoryFailure.Should().BeTrue("the OOM cool-down survives a restart");
        snapshot.Runs[1].ChangeId.Should().Be("fp1");
        snapshot.Runs[1].PeakMemoryBytes.Should().Be((4L << 30) + 2);
        var proposal = snapshot.Proposals.Should().ContainSingle().Subject;
        proposal.Status.Should().Be(ProposalStatus.Applied);
        proposal.ProposedAt.Should().Be(T0);
    }

    [Fact]
    public async Task AddRun_SameRunTwice_KeptOnceInMemoryAndInTheStore()
    {
        await using var store = await SqliteRunHistoryStore.OpenAsync(_dir.File("history.db"));
        var ledger = new CohortLedger(store);

        await ledger.AddRunAsync("ns/job", Run(1), Record(Run(1)), CancellationToken.None);
        var cohort = await ledger.AddRunAsync("ns/job", Run(1), Record(Run(1)), CancellationToken.None);

        cohort.Runs.Should().ContainSingle();
        (await store.GetCohortAsync("ns/job")).Should().ContainSingle().Which.Cohort.Should().Be("ns/job");
    }

    [Fact]
    public async Task WithoutAStore_TheCohortLivesInProcessAndIsBounded()
    {
        var ledger = new CohortLedger();
        Cohort? cohort = null;
        for (var i = 0; i < CohortLedger.RunsPerCohort + 5; i++)
        {
            cohort = await ledger.AddRunAsync("ns/job", Run(i), null, CancellationToken.None);
        }

        ledger.Persistent.Should().BeFalse();
        cohort!.Runs.Should().HaveCount(CohortLedger.RunsPerCohort);
        cohort.Runs[0].RunId.Should().Be("spark-5", "the oldest runs leave first");
    }

    [Fact]
    public async Task UnreachableStore_RunIsStillAddedAndLoadIsRetried()
    {
        var path = _dir.File("history.db");
        var store = await SqliteRunHistoryStore.OpenAsync(path);
        await store.RecordAsync(Record(Run(1)) with { Cohort = "ns/job", Outcome = RunOutcome.From(Run(1)) });
        var ledger = new CohortLedger(store);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Move(path, path + ".away");
        Directory.CreateDirectory(path); // a folder where the database file was: every open fails

        var cohort = await ledger.AddRunAsync("ns/job", Run(2), Record(Run(2)), CancellationToken.None);
        cohort.Runs.Select(r => r.RunId).Should().Equal("spark-2");
        (await ledger.SnapshotAsync("ns/job", CancellationToken.None)).Complete.Should().BeFalse("the store could not be read: proposals may be missing");

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(path);
        File.Move(path + ".away", path);
        var snapshot = await ledger.SnapshotAsync("ns/job", CancellationToken.None);
        snapshot.Runs.Select(r => r.RunId).Should().Equal("spark-1", "spark-2");
        snapshot.Complete.Should().BeTrue();
        await store.DisposeAsync();
    }

    [Fact]
    public async Task LockAsync_SecondRunOfTheCohortWaitsForTheFirst()
    {
        var ledger = new CohortLedger();
        var first = await ledger.LockAsync("ns/job", CancellationToken.None);
        var second = ledger.LockAsync("ns/job", CancellationToken.None);
        var other = ledger.LockAsync("ns/other", CancellationToken.None);

        (await other).Dispose();
        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse("the same cohort is held");

        first.Dispose();
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await ledger.LockAsync("ns/job", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task FailedWriteAfterLoading_MarksTheCohortUnreadUntilTheStoreAnswersAgain()
    {
        var path = _dir.File("history.db");
        var store = await SqliteRunHistoryStore.OpenAsync(path);
        var ledger = new CohortLedger(store);
        await ledger.AddRunAsync("ns/job", Run(1), Record(Run(1)), CancellationToken.None);
        (await ledger.SnapshotAsync("ns/job", CancellationToken.None)).Complete.Should().BeTrue();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Move(path, path + ".away");
        Directory.CreateDirectory(path);
        await ledger.SaveProposalAsync(Proposal("fp1"), CancellationToken.None);
        (await ledger.SnapshotAsync("ns/job", CancellationToken.None)).Complete.Should().BeFalse("the proposal never reached the store");

        Directory.Delete(path);
        File.Move(path + ".away", path);
        await ledger.SaveProposalAsync(Proposal("fp1"), CancellationToken.None);
        var snapshot = await ledger.SnapshotAsync("ns/job", CancellationToken.None);
        snapshot.Complete.Should().BeTrue("the store answered again");
        snapshot.Proposals.Should().ContainSingle();
        (await store.GetProposalsAsync("ns/job")).Should().ContainSingle();
        await store.DisposeAsync();
    }

    [Fact]
    public async Task RecordingARunAgain_IsNotAFailedWrite()
    {
        await using var store = await SqliteRunHistoryStore.OpenAsync(_dir.File("history.db"));
        var ledger = new CohortLedger(store);
        await ledger.AddRunAsync("ns/job", Run(1), Record(Run(1)), CancellationToken.None);

        await ledger.AddRunAsync("ns/job", Run(1), Record(Run(1)), CancellationToken.None);

        (await ledger.SnapshotAsync("ns/job", CancellationToken.None)).Complete.Should().BeTrue("the store already had the run: nothing was lost");
    }
}
