using System.Globalization;

namespace SparkOptimizer.Pricing;

/// <summary>
/// Spot and reserved capacity for a cohort (the runs of one job), from its history rather than one run: spot suitability
/// is the run's own score moved by how often the cohort's runs failed, retried tasks or stages, or lost executors; a
/// reserved-capacity (or savings-plan) suggestion is made for cohorts that run daily or more, with the break-even share of
/// the month the reserved nodes must be busy (1 - discount).
/// </summary>
public static class CohortCapacityAdvisor
{
    /// <summary><paramref name="cost"/> with <see cref="CostReport.Spot"/> and <see cref="CostReport.Reserved"/> judged on the cohort's runs (this one included).</summary>
    public static CostReport WithCohort(CostReport cost, IReadOnlyList<CohortRunCost> runs, PriceBook? book = null)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return cost;
        }

        book ??= PriceBookLoader.LoadDefaults();
        var price = cost.Basis == CostBasis.PriceBook ? book.Find(cost.InstanceType) : null;
        var perDay = RunsPerDay(runs);
        var nodes = cost.Workers ?? cost.RightSizing?.CurrentNodes ?? Math.Max(1, cost.Footprint.PeakExecutors);
        var hours = runs.Average(r => r.DurationHours);
        ReservedCapacitySuggestion reserved;
        if (perDay is { } daily && daily >= PricingDefaults.ReservedMinRunsPerDay)
        {
            reserved = ReservedCapacityAdvisor.Advise(daily * PricingDefaults.DaysPerMonth, nodes, hours, cost.Cost, price is null ? 0 : book.ReservedDiscountFor(price.Provider));
            reserved = reserved with { Advice = string.Create(CultureInfo.InvariantCulture, $"runs {daily:0.#} times a day over {runs.Count} runs: ") + reserved.Advice };
        }
        else
        {
            var every = perDay is { } d && d > 0
                ? string.Create(CultureInfo.InvariantCulture, $"runs about every {1 / d:0.#} days: less often than daily")
                : $"{runs.Count} run(s) within less than a day: no schedule seen yet";
            reserved = new ReservedCapacitySuggestion(false, (perDay ?? 0) * PricingDefaults.DaysPerMonth, 0, 0, 1, null, null,
                $"{every}, so no reserved capacity or savings plan is suggested");
        }

        return cost with { Spot = Spot(cost.Spot, runs), Reserved = reserved, CohortRuns = runs.Count, RunsPerDay = perDay };
    }

    /// <summary>Runs a day over the span of the runs' starts; null with fewer than two dated runs or less than a day between the first and the last (retries are no schedule).</summary>
    public static double? RunsPerDay(IReadOnlyList<CohortRunCost> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var starts = runs.Select(r => r.Start).OfType<DateTimeOffset>().Order().ToArray();
        if (starts.Length < 2)
        {
            return null;
        }

        var days = (starts[^1] - starts[0]).TotalDays;
        return days >= PricingDefaults.ScheduleMinSpanDays ? (starts.Length - 1) / days : null;
    }

    private static SpotSuitability Spot(SpotSuitability run, IReadOnlyList<CohortRunCost> runs)
    {
        var score = run.Score;
        var reasons = new List<string>(run.Reasons);
        var n = runs.Count;
        var failed = runs.Count(r => r.Failed);
        var lost = runs.Count(r => r.LostExecutors > 0);
        var retried = runs.Count(r => r.FailedTasks > 0 || r.FailedStages > 0);
        if (failed > 0)
        {
            score -= PricingDefaults.SpotCohortFailurePenalty * failed / n;
            reasons.Add($"{failed} of {n} runs in the cohort failed: reclaimed nodes would fail more");
        }

        if (lost > 0)
        {
            score -= PricingDefaults.SpotCohortLossPenalty * lost / n;
            reasons.Add($"executors were lost in {lost} of {n} runs already");
        }

        if (retried > 0)
        {
            score -= PricingDefaults.SpotCohortRetryPenalty * retried / n;
            reasons.Add($"tasks or stages were retried in {retried} of {n} runs: each reclaim adds rework");
        }

        if (failed == 0 && lost == 0 && retried == 0 && n >= PricingDefaults.SpotCohortCleanRuns)
        {
            score += PricingDefaults.SpotCohortCleanBonus;
            reasons.Add($"no failures, retries or lost executors across the cohort's {n} runs");
        }

        score = Math.Round(Math.Clamp(score, 0, 1), 2);
        return run with { Suitable = score >= PricingDefaults.SpotSuitableScore, Score = score, Reasons = reasons };
    }
}
