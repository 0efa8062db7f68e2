namespace SparkOptimizer.History.Tests;

/// <summary>Run outcomes and proposals, against both stores.</summary>
public abstract partial class RunHistoryStoreTests
{
    [Fact]
    public async Task Record_Outcome_RoundTripsToTheCohortRun()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        await store.RecordAsync(Records.Run("etl", 3));
        await store.RecordAsync(Records.Run("etl", 4));

        var runs = (await store.GetCohortAsync("etl")).Select(r => r.ToCohortRun()).ToArray();

        runs.Should().AllSatisfy(r => r.Should().NotBeNull());
        runs[0]!.MemoryFailure.Should().BeTrue();
        runs[0]!.Succeeded.Should().BeFalse();
        runs[0]!.Failure.Should().Be(Trust.RunFailureClass.Application);
        runs[1]!.Succeeded.Should().BeTrue();
        runs[1]!.PeakMemoryBytes.Should().Be(6L << 30);
        runs[1]!.ChangeId.Should().Be("3f2a9c0d1e4b5a67");
        runs[1]!.DurationMs.Should().Be(600_000);
    }

    [Fact]
    public async Task Record_WithoutOutcome_ReadsBackWithoutOne()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        await store.RecordAsync(Records.Run("etl", 1) with { Outcome = null });

        var stored = (await store.GetCohortAsync("etl")).Should().ContainSingle().Subject;

        stored.Outcome.Should().BeNull();
        stored.ToCohortRun().Should().BeNull();
    }

    [Fact]
    public async Task SaveProposal_RoundTrip_KeepsEveryField()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        var proposal = Records.Proposal("etl", "aaaa", 5) with { PullRequestNumber = 7, PullRequestUrl = "https://example/pr/7", Note = "n", RevertedAt = Records.Epoch.AddDays(2) };

        await store.SaveProposalAsync(proposal);

        (await store.GetProposalsAsync("etl")).Should().ContainSingle().Which.Should().BeEquivalentTo(proposal);
        (await store.GetProposalsAsync("other")).Should().BeEmpty();
    }

    [Fact]
    public async Task SaveProposal_Again_UpdatesStatusAndPullRequestButKeepsTheFirstProposalTime()
    {
        await using var store = await OpenAsync(await NewLocationAsync());
        var first = Records.Proposal("etl", "aaaa", 5);
        await store.SaveProposalAsync(first);
        await store.SaveProposalAsync(Records.Proposal("etl", "bbbb", 9));

        await store.SaveProposalAsync(first with { Status = ProposalStatus.Regressed, PullRequestNumber = 12, ProposedAt = Records.Epoch.AddDays(3), Note = "slower" });

        var proposals = await store.GetProposalsAsync("etl");
        proposals.Select(p => p.Fingerprint).Should().Equal("aaaa", "bbbb");
        proposals[0].Status.Should().Be(ProposalStatus.Regressed);
        proposals[0].PullRequestNumber.Should().Be(12);
        proposals[0].Note.Should().Be("slower");
        proposals[0].ProposedAt.Should().Be(first.ProposedAt);
    }
}
