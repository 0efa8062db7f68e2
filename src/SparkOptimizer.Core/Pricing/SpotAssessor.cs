using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>Scores a run's fit for spot capacity: how much work a reclaimed node would throw away, and whether Spark will retry it.</summary>
public static class SpotAssessor
{
    public static SpotSuitability Assess(SparkRun run, RunFootprint footprint, Money? onDemandCost, decimal? spotRatio)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(footprint);
        var score = 1.0;
        var reasons = new List<string>();
        var env = run.Environment;
        if (footprint.LongestStageMs > PricingDefaults.SpotMaxStageMs)
        {
            score -= 0.4;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"longest stage ran {footprint.LongestStageMs / 60000.0:0} min: a reclaimed node loses its tasks' work"));
        }
        else
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"longest stage {footprint.LongestStageMs / 60000.0:0.#} min, under {PricingDefaults.SpotMaxStageMs / 60000} min: a reclaimed node costs bounded rework"));
        }

        var maxFailures = env.GetInt("spark.task.maxFailures") ?? PricingDefaults.DefaultTaskMaxFailures;
        if (maxFailures < PricingDefaults.DefaultTaskMaxFailures)
        {
            score -= 0.2;
            reasons.Add($"spark.task.maxFailures={maxFailures}: too few retries to ride out node loss");
        }
        else
        {
            reasons.Add($"spark.task.maxFailures={maxFailures}: retries tolerated");
        }

        var decommission = env.GetBool("spark.decommission.enabled") == true;
        var shufflePerCoreHour = footprint.CoreHours > 0 ? footprint.ShuffleWriteBytes / footprint.CoreHours : 0;
        if (shufflePerCoreHour > PricingDefaults.SpotHeavyShuffleBytesPerCoreHour)
        {
            score -= decommission ? 0.1 : 0.3;
            reasons.Add($"heavy shuffle ({ByteSize.Format(footprint.ShuffleWriteBytes)} written): lost shuffle files must be recomputed"
                + (decommission ? "; decommissioning is on and migrates them" : "; enable spark.decommission.enabled and shuffle-block migration"));
        }
        else
        {
            reasons.Add($"light shuffle ({ByteSize.Format(footprint.ShuffleWriteBytes)} written)");
        }

        if (footprint.LostExecutors > 0)
        {
            score -= 0.1;
            reasons.Add($"{footprint.LostExecutors} executor(s) already lost in this run");
        }

        if (footprint.DurationHours > 4)
        {
            score -= 0.2;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"long run ({footprint.DurationHours:0.#} h): more reclaim events expected"));
        }

        score = Math.Clamp(score, 0, 1);
        Money? spotCost = onDemandCost is { } c && spotRatio is { } r ? c * r : null;
        Money? savings = onDemandCost is { } c2 && spotCost is { } s ? c2 - s : null;
        return new SpotSuitability(score >= PricingDefaults.SpotSuitableScore, Math.Round(score, 2), reasons, spotCost, savings);
    }
}
