using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Tests.Simulation;

namespace SparkOptimizer.Tests.Pricing;

/// <summary>Spot suitability from a cohort's failure and retry history, and reserved capacity for cohorts that run daily or more.</summary>
public sealed class CohortCapacityAdvisorTests
{
    private const long Hour = 3_600_000;
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    /// <summary>2 executors x 2 cores busy for <paramref name="hours"/> on m5.xlarge pods.</summary>
    private static CostReport Priced(double hours)
    {
        var ms = (long)(hours * Hour);
        var run = new SyntheticRun()
            .Conf("spark.master", "k8s://https://kube")
            .Executors(2, 2)
            .Job(0, 0, ms, 0)
            .Stage(0, 0, 0, ms, Enumerable.Repeat(ms, 4).ToArray())
            .Build(ms);
        return CostModel.Price(run, new CostOptions { InstanceType = "m5.xlarge" });
    }

    private static CohortRunCost[] Runs(int count, TimeSpan every, double hours, Func<int, CohortRunCost, CohortRunCost>? shape = null) =>
        Enumerable.Range(0, count)
            .Select(i => new CohortRunCost(Monday + (every * i), hours, false, 0, 0, 0))
            .Select((r, i) => shape?.Invoke(i, r) ?? r)
            .ToArray();

    [Fact]
    public void WithCohort_DailyLongRuns_SuggestsReservingAboveTheBreakEven()
    {
        var cost = Priced(20);
        var advised = CohortCapacityAdvisor.WithCohort(cost, Runs(5, TimeSpan.FromDays(1), 20));

        // aws-ec2.yaml: reservedDiscount 0.37, so the nodes must be busy 63 % of the month. 1 run a day x 730/24 days x 20 h
        // = 608.3 h of the month's 730 = 83.3 %. Nodes: the 2 executors alive at once.
        var reserved = advised.Reserved!;
        advised.RunsPerDay.Should().Be(1);
        reserved.RunsPerMonth.Should().BeApproximately(730 / 24.0, 1e-9);
        reserved.BreakEvenShare.Should().BeApproximately(0.63, 1e-9);
        reserved.BusyShareOfMonth.Should().BeApproximately((730 / 24.0) * 20 / 730, 1e-9);
        reserved.Recommended.Should().BeTrue();
        reserved.MonthlySavings!.Value.Amount.Should().BeApproximately(cost.Cost!.Value.Amount * (decimal)(730 / 24.0) * 0.37m, 0.0001m);
        reserved.Advice.Should().StartWith("runs 1 times a day over 5 runs: reserve 2 node(s): busy 83 % of the month, above the 63 % break-even");
    }

    [Fact]
    public void WithCohort_DailyShortRuns_SaysTheyAreBelowTheBreakEven()
    {
        var advised = CohortCapacityAdvisor.WithCohort(Priced(1), Runs(4, TimeSpan.FromHours(12), 1));

        advised.RunsPerDay.Should().Be(2);
        advised.Reserved!.Recommended.Should().BeFalse();
        advised.Reserved.BusyShareOfMonth.Should().BeApproximately(2 * (730 / 24.0) / 730, 1e-9);
        advised.Reserved.Advice.Should().Contain("below the 63 % break-even");
    }

    [Fact]
    public void WithCohort_WeeklyRuns_SuggestsNoReservation()
    {
        var advised = CohortCapacityAdvisor.WithCohort(Priced(1), Runs(3, TimeSpan.FromDays(7), 1));

        advised.Reserved!.Recommended.Should().BeFalse();
        advised.Reserved.Advice.Should().Be("runs about every 7 days: less often than daily, so no reserved capacity or savings plan is suggested");
        CohortCapacityAdvisor.RunsPerDay(Runs(3, TimeSpan.FromHours(2), 1)).Should().BeNull("runs two hours apart are no schedule yet");
    }

    [Fact]
    public void WithCohort_FailuresRetriesAndLosses_LowerTheRunsSpotScoreByTheirShareOfRuns()
    {
        var cost = Priced(1);
        // 4 runs: one failed, two lost executors, three retried tasks.
        var runs = Runs(4, TimeSpan.FromDays(1), 1, (i, r) => r with { Failed = i == 0, LostExecutors = i < 2 ? 1 : 0, FailedTasks = i < 3 ? 5 : 0 });

        var advised = CohortCapacityAdvisor.WithCohort(cost, runs);

        var expected = Math.Round(cost.Spot.Score - (0.3 * 1 / 4) - (0.2 * 2 / 4) - (0.1 * 3 / 4), 2);
        advised.Spot.Score.Should().Be(expected);
        advised.Spot.Reasons.Should().Contain("1 of 4 runs in the cohort failed: reclaimed nodes would fail more")
            .And.Contain("executors were lost in 2 of 4 runs already")
            .And.Contain("tasks or stages were retried in 3 of 4 runs: each reclaim adds rework");
        advised.CohortRuns.Should().Be(4);
    }

    [Fact]
    public void WithCohort_CleanHistory_RaisesTheScoreAndTheLineGivesTheSpotPricesDate()
    {
        var cost = Priced(1);
        var advised = CohortCapacityAdvisor.WithCohort(cost, Runs(3, TimeSpan.FromDays(1), 1));

        advised.Spot.Score.Should().Be(Math.Round(Math.Min(1, cost.Spot.Score + 0.1), 2));
        advised.Spot.Reasons.Should().Contain("no failures, retries or lost executors across the cohort's 3 runs");
        // aws-ec2.yaml: m5.xlarge on demand 0.192, spot 0.077 (2025-01-15)
        advised.Spot.SpotPriceSource!.Date.Should().Be("2025-01-15");
        advised.Spot.SpotCost!.Value.Amount.Should().BeApproximately(cost.Cost!.Value.Amount * (0.077m / 0.192m), 0.0001m);
        ReportText.SpotLine(advised).Should().StartWith($"Spot: suitable (score {advised.Spot.Score:0.##}, judged on 3 runs of the cohort); on spot ")
            .And.Contain("(spot price: AWS EC2 on-demand price list (us-east-1, Linux); spot: indicative us-east-1 spot price history, us-east-1 (2025-01-15))");
    }

    [Fact]
    public void From_CorpusRunWithFailedTasks_CountsItsRetries()
    {
        var run = new SyntheticRun().Executors(2, 2, removedMs: Hour / 2, removedReason: "Container killed by YARN for exceeding memory limits").Job(0, 0, Hour, 0)
            .Stage(0, 0, 0, Hour, [Hour]).Build(Hour);
        run = run with { Totals = run.Totals with { FailedTasks = 3, FailedStages = 1 } };

        var r = CohortRunCost.From(run);

        r.FailedTasks.Should().Be(3);
        r.FailedStages.Should().Be(1);
        r.LostExecutors.Should().Be(2);
        r.Retried.Should().BeTrue();
        r.DurationHours.Should().Be(1);
    }
}
