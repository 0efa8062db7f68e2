using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class CohortGroupingTests
{
    [Fact]
    public void Group_RealRunRenamedWithTimestamps_OneCohortOldestFirst()
    {
        var run = ReplayedHistory.Run;
        var start = run.Application.StartTime!.Value;
        var runs = new[] { 2, 0, 1 }.Select(day => run with
        {
            Application = run.Application with
            {
                Id = $"app-{day}",
                Name = $"NewYorkTaxiData_{start.AddDays(day):yyyy_MM_dd_HH_mm_ss}",
                StartTime = start.AddDays(day),
                EndTime = run.Application.EndTime!.Value.AddDays(day),
            },
        });

        var cohorts = CohortGrouping.Group(runs);

        cohorts.Should().ContainSingle();
        cohorts[0].Key.Should().Be("NewYorkTaxiData");
        cohorts[0].Runs.Select(r => r.RunId).Should().Equal("app-0", "app-1", "app-2");
        cohorts[0].State.Should().Be(CohortState.Established);
    }
}
