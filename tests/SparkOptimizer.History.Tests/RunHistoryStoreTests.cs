using System.Diagnostics;
using Xunit.Abstractions;

namespace SparkOptimizer.History.Tests;

/// <summary>The store contract, run unchanged against SQLite and PostgreSQL (one subclass each).</summary>
public abstract partial class RunHistoryStoreTests
{
    private readonly ITestOutputHelper _output;

    protected RunHistoryStoreTests(ITestOutputHelper output) => _output = output;

    protected abstract string StoreName { get; }

    /// <summary>A new, empty place to keep a history (a file path, a fresh database's connection string).</summary>
    protected abstract Task<string> NewLocationAsync();

    private protected abstract Task<SqlRunHistoryStore> OpenAsync(string location);

    [Fact]
    public async Task Record_RoundTrip_KeepsEveryField()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        var record = Records.Run("daily-etl", 1);

        (await store.RecordAsync(record)).Should().BeTrue();

        var stored = (await store.GetCohortAsync("daily-etl")).Should().ContainSingle().Subject;
        stored.Should().BeEquivalentTo(record);
    }

    [Fact]
    public async Task Record_SameRunTwice_KeepsOneRowAndTheFirstRecord()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        var first = Records.Run("daily-etl", 1);

        (await store.RecordAsync(first)).Should().BeTrue();
        (await store.RecordAsync(first with { DurationMs = 1 })).Should().BeFalse();

        var stored = (await store.GetCohortAsync("daily-etl")).Should().ContainSingle().Subject;
        stored.DurationMs.Should().Be(first.DurationMs);
    }

    [Fact]
    public async Task Record_SameRunsFromTwoInstancesConcurrently_KeepsOneRowEach()
    {
        var location = await NewLocationAsync();

        // Two replicas starting together: both migrate, then both record the same burst.
        var opened = await Task.WhenAll(OpenAsync(location), OpenAsync(location));
        await using var a = opened[0];
        await using var b = opened[1];
        var runs = Enumerable.Range(0, 50).Select(i => Records.Run("shared", i)).ToArray();

        var results = await Task.WhenAll(runs.SelectMany(r => new[] { Task.Run(() => a.RecordAsync(r)), Task.Run(() => b.RecordAsync(r)) }));

        results.Count(inserted => inserted).Should().Be(50, "each run is inserted exactly once across both instances");
        (await a.GetCohortAsync("shared")).Select(r => r.AppId).Should().OnlyHaveUniqueItems().And.HaveCount(50);
    }

    [Fact]
    public async Task Record_DifferentAttemptsOfOneApp_KeepsBoth()
    {
        await using var store = await OpenAsync(await NewLocationAsync());

        await store.RecordAsync(Records.Run("c", 1, attempt: "1"));
        await store.RecordAsync(Records.Run("c", 1, attempt: "2"));

        (await store.GetCohortAsync("c")).Select(r => r.Attempt).Should().Equal("1", "2");
    }

    [Fact]
    public async Task GetCohort_RunsRecordedOutOfOrder_ReturnsTheLatestOrderedByStart()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        foreach (var (n, minute) in new[] { (1, 30), (2, 10), (3, 50), (4, 20), (5, 40) })
        {
            await store.RecordAsync(Records.Run("nightly", n, minute));
        }

        await store.RecordAsync(Records.Run("other", 9, 0));

        (await store.GetCohortAsync("nightly")).Select(r => r.AppId).Should().Equal("app-00002", "app-00004", "app-00001", "app-00005", "app-00003");
        (await store.GetCohortAsync("nightly", limit: 2)).Select(r => r.AppId).Should().Equal("app-00005", "app-00003");
        (await store.GetCohortAsync("missing")).Should().BeEmpty();
    }

    [Fact]
    public async Task ListCohorts_SeveralCohorts_ReturnsEachOnceInNameOrder()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        await store.RecordAsync(Records.Run("zeta", 1));
        await store.RecordAsync(Records.Run("alpha", 2));
        await store.RecordAsync(Records.Run("zeta", 3));

        (await store.ListCohortsAsync()).Should().Equal("alpha", "zeta");
    }

    [Fact]
    public async Task Migrate_RunAgainAndFromASecondInstance_AppliesNothingAndKeepsData()
    {
        var location = await NewLocationAsync();
        await using var store = await OpenAsync(location);
        await store.RecordAsync(Records.Run("c", 1));

        (await store.MigrateAsync()).Should().Be(0);
        await using var second = await OpenAsync(location);
        (await second.MigrateAsync()).Should().Be(0);

        (await second.AppliedMigrationsAsync()).Should().Equal(1, 2, 3);
        (await second.GetCohortAsync("c")).Should().ContainSingle();
    }

    [Fact]
    public async Task Migrate_NewVersionOnAnExistingHistory_AppliesOnlyTheNewOneOnce()
    {
        var location = await NewLocationAsync();
        await using var store = await OpenAsync(location);
        await store.RecordAsync(Records.Run("c", 1));
        store.AdditionalMigrations = [new Migration(4, "test column", "ALTER TABLE run_history ADD COLUMN test_note TEXT")];

        (await store.MigrateAsync()).Should().Be(1);
        (await store.MigrateAsync()).Should().Be(0);

        (await store.AppliedMigrationsAsync()).Should().Equal(1, 2, 3, 4);
        (await store.GetCohortAsync("c")).Should().ContainSingle("data survives the migration");
    }

    [Fact]
    public async Task RecordVerification_KnownRun_UpdatesItsStateOnly()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        var record = Records.Run("c", 1);
        await store.RecordAsync(record);
        var verification = new Verification(VerificationState.Regressed, Records.Epoch.AddDays(1), 23.5, "observed 740 s, predicted 450-560 s");

        (await store.RecordVerificationAsync(record.Key, verification)).Should().BeTrue();
        (await store.RecordVerificationAsync(new RunKey("c", "app-missing", "1"), verification)).Should().BeFalse();

        var stored = (await store.GetCohortAsync("c")).Single();
        stored.Verification.Should().Be(verification);
        stored.Should().BeEquivalentTo(record with { Verification = verification });

        // A later re-record of the run (a restart) must not wipe the verification.
        (await store.RecordAsync(record)).Should().BeFalse();
        (await store.GetCohortAsync("c")).Single().Verification.Should().Be(verification);
    }

    [Fact]
    public async Task Record_BurstOfAThousandRuns_StoresEveryRunOnce()
    {
        const int count = 1000;
        const int writers = 8;
        await using var store = await OpenAsync(await NewLocationAsync());
        var runs = Enumerable.Range(0, count).Select(i => Records.Run($"cohort-{i % 20:D2}", i)).ToArray();

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = writers }, async (run, ct) => await store.RecordAsync(run, ct));
        clock.Stop();

        var cohorts = await store.ListCohortsAsync();
        cohorts.Should().HaveCount(20);
        var stored = 0;
        foreach (var cohort in cohorts)
        {
            stored += (await store.GetCohortAsync(cohort, limit: count)).Count;
        }

        stored.Should().Be(count);
        var rate = count / clock.Elapsed.TotalSeconds;
        _output.WriteLine(FormattableString.Invariant($"BURST {StoreName}: {count} records, {writers} writers, {clock.Elapsed.TotalMilliseconds:0} ms, {rate:0} records/s"));
    }
}
