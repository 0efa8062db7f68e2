using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>The cohort (one logical job across Spark app ids) the last run joined, and how many of its runs the rails used.</summary>
public sealed class CohortStatus
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>learning (fewer than 3 usable runs: low confidence, memory never lowered) or established.</summary>
    [JsonPropertyName("state")]
    [EnumValues("learning", "established")]
    public string? State { get; set; }

    /// <summary>Runs the rails and the noise floor used (infrastructure failures are not used).</summary>
    [JsonPropertyName("runsUsed")]
    public int? RunsUsed { get; set; }

    [JsonPropertyName("runs")]
    public int? Runs { get; set; }

    /// <summary>The highest executor memory footprint seen in the cohort (event log or pod working set), in bytes.</summary>
    [JsonPropertyName("peakMemoryBytes")]
    public long? PeakMemoryBytes { get; set; }

    /// <summary>Run-to-run variation of duration per GiB of input, when known.</summary>
    [JsonPropertyName("noise")]
    public double? Noise { get; set; }
}
