using SparkOptimizer.Simulation;
using SparkOptimizer.Trust;
using Xunit.Abstractions;

namespace SparkOptimizer.Tests.Trust;

/// <summary>Issue 10's acceptance histories: a real log replayed with 10 % noise, a change inside the noise band, and a planted 2 x slowdown.</summary>
public sealed class ReplayedHistoryTests(ITestOutputHelper output)
{
    private const int Histories = 200;
    private const double Noise = 0.10;

    [Theory]
    [InlineData(10, 0.95, 0, 0, 0)]
    [InlineData(3, 0.95, 0, 10, 0)]
    [InlineData(10, 0.80, 0, 1000, 0)]
    [InlineData(10, 0.60, 900, 1000, 0)]
    [InlineData(10, 2.0, 0, 0, 990)]
    [InlineData(3, 0.60, 350, 1000, 0)]
    [InlineData(3, 2.0, 0, 0, 900)]
    public void Verify_ReplayedHistories_StatusCounts(int before, double effect, int minVerified, int maxVerified, int minRegressed)
    {
        const int n = 1000;
        var random = new Random(1111);
        var statuses = new Dictionary<VerificationStatus, int>();
        for (var h = 0; h < n; h++)
        {
            var runs = ReplayedHistory.Series(random, before + random.Next(3, 11), Noise, changeAt: before, effect: effect);
            var status = Verifier.Verify(new Cohort("job", runs), "c1").Status;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        output.WriteLine($"{before} runs before, 3-10 after, effect x{effect}: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}");
        statuses.GetValueOrDefault(VerificationStatus.Verified).Should().BeInRange(minVerified, maxVerified);
        statuses.GetValueOrDefault(VerificationStatus.Regressed).Should().BeGreaterThanOrEqualTo(minRegressed);
        if (effect < 1)
        {
            statuses.GetValueOrDefault(VerificationStatus.Regressed).Should().Be(0);
        }
    }

    [Fact]
    public void Verify_ChangeInsideNoiseBand_NeverVerified()
    {
        var random = new Random(1010);
        var statuses = new Dictionary<VerificationStatus, int>();
        for (var h = 0; h < Histories; h++)
        {
            // A 5 % gain, well inside 2 x 10 % noise; 10 runs before the merge, 3 to 6 after.
            var runs = ReplayedHistory.Series(random, 10 + random.Next(3, 7), Noise, changeAt: 10, effect: 0.95);
            var status = Verifier.Verify(new Cohort("job", runs), "c1").Status;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        output.WriteLine($"inside-band histories: {string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}"))}");
        statuses.GetValueOrDefault(VerificationStatus.Verified).Should().Be(0);
        statuses.GetValueOrDefault(VerificationStatus.Regressed).Should().Be(0);
    }

    [Theory]
    [InlineData(0.05)]
    public void Watch_PlantedTwoTimesSlowdown_FlaggedOnItsFirstBadRun(double noise)
    {
        var random = new Random(2020);
        var flaggedFirst = 0;
        var early = 0;
        for (var h = 0; h < Histories; h++)
        {
            var at = random.Next(6, 25);
            var runs = ReplayedHistory.Series(random, 30, noise, changeAt: at, effect: 2.0);
            var alerts = Verifier.Watch(new Cohort("job", runs));
            flaggedFirst += alerts.Count > 0 && alerts[0].RunIndex == at ? 1 : 0;
            early += alerts.Count(a => a.RunIndex < at);
        }

        output.WriteLine($"noise {noise:P0}, planted 2x slowdown: flagged on the first bad run in {flaggedFirst}/{Histories}; alerts before it {early}");
        flaggedFirst.Should().Be(Histories);
        early.Should().Be(0);
    }

    [Theory]
    [InlineData(0.05)]
    public void Watch_UnchangedSeries_NoAlerts(double noise)
    {
        var random = new Random(3030);
        var alerts = 0;
        for (var h = 0; h < Histories; h++)
        {
            alerts += Verifier.Watch(new Cohort("job", ReplayedHistory.Series(random, 30, noise))).Count;
        }

        output.WriteLine($"noise {noise:P0}, unchanged series: {alerts} alerts over {Histories} x 30 runs");
        alerts.Should().Be(0);
    }

    [Theory]
    [InlineData(0.05, 0.0, 0.0)]
    [InlineData(0.10, 0.02, 0.001)]
    [InlineData(0.15, 1.0, 1.0)]
    public void Watch_NoiseSweep_MissAndFalseAlertRates(double noise, double maxMissRate, double maxFalsePerRun)
    {
        const int n = 2000;
        var random = new Random(99);
        int missed = 0, falseAlerts = 0, judged = 0;
        for (var h = 0; h < n; h++)
        {
            var at = random.Next(9, 25);
            var alerts = Verifier.Watch(new Cohort("job", ReplayedHistory.Series(random, 30, noise, changeAt: at, effect: 2.0)));
            missed += alerts.Any(a => a.RunIndex == at) ? 0 : 1;
            falseAlerts += alerts.Count(a => a.RunIndex < at) + Verifier.Watch(new Cohort("job", ReplayedHistory.Series(random, 30, noise))).Count;
            judged += at + 30;
        }

        output.WriteLine($"noise {noise:P0}: 2x slowdown missed on its first bad run {missed}/{n}; false alerts {falseAlerts} over {judged} unchanged runs");
        ((double)missed / n).Should().BeLessThanOrEqualTo(maxMissRate);
        ((double)falseAlerts / judged).Should().BeLessThanOrEqualTo(maxFalsePerRun);
    }

    [Fact]
    public void NoiseFloor_ReplayedCohorts_GainDecisionsFollowTwiceTheVariation()
    {
        var random = new Random(4040);
        var opened = new int[4];
        double[] gains = [0.05, 0.15, 0.25, 0.40];
        for (var h = 0; h < Histories; h++)
        {
            var floor = NoiseFloor.Estimate(new Cohort("job", ReplayedHistory.Series(random, 10, Noise)));
            for (var g = 0; g < gains.Length; g++)
            {
                opened[g] += floor.ShouldOpenPullRequest(gains[g]).Open ? 1 : 0;
            }
        }

        output.WriteLine("pull requests opened per predicted gain: " + string.Join(", ", gains.Select((g, i) => $"{g:P0} {opened[i]}/{Histories}")));
        opened[0].Should().Be(0);
        opened[3].Should().Be(Histories);
    }

    [Fact]
    public void Coverage_UnchangedPredictionOverReplayedRuns_Reported()
    {
        var run = ReplayedHistory.Run;
        var prediction = WhatIfSimulator.Prepare(run).Predict(SimulationChange.None);
        var interval = Verifier.Interval(prediction, run);
        var random = new Random(5050);
        var observed = Enumerable.Range(0, 500).Select(_ => (interval, (long)(ReplayedHistory.Base.DurationMs * Math.Exp(Noise * ReplayedHistory.Gaussian(random))))).ToArray();
        var coverage = Verifier.Coverage(observed);
        output.WriteLine($"interval {interval.LowMs}-{interval.HighMs} ms around {interval.DurationMs} (observed {ReplayedHistory.Base.DurationMs}); coverage {coverage:P1}; extrapolated {interval.Extrapolated}");
        interval.Extrapolated.Should().BeFalse();
        coverage.Should().BeInRange(0, 1);

        // The cohort's own variation, estimated from 20 earlier replayed runs, widens the interval to what a next run can do.
        var floor = NoiseFloor.Estimate(new Cohort("job", ReplayedHistory.Series(random, 20, Noise)));
        var stated = Verifier.WithNoise(interval, floor);
        var withNoise = Verifier.Coverage(observed.Select(o => (stated, o.Item2)));
        output.WriteLine($"with the cohort's noise (CV {floor.CoefficientOfVariation:P1}): interval {stated.LowMs}-{stated.HighMs} ms; coverage {withNoise:P1}");
        withNoise.Should().BeGreaterThanOrEqualTo(0.7);

        var wide = Verifier.Interval(WhatIfSimulator.Prepare(run).Predict(new SimulationChange { Executors = Math.Max(1, run.WorkerExecutors.Count()) * 4 }), run);
        output.WriteLine($"4x executors: extrapolated {wide.Extrapolated}, interval {wide.LowMs}-{wide.HighMs} ms around {wide.DurationMs}");
        wide.Extrapolated.Should().BeTrue();
    }
}
