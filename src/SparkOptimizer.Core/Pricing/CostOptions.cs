using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>What the cost model should assume where the log does not say (all optional).</summary>
public sealed record CostOptions
{
    /// <summary>Node instance type; else the log's vendor properties or node selector.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Instance type assumed only when neither this option nor the log names one (the operator's default for its fleet).</summary>
    public string? FallbackInstanceType { get; init; }

    /// <summary>Platform; else the one detected in the log.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Capacity type; else from node selectors in the conf (or node labels given by the operator), else on-demand.</summary>
    public CapacityType? Capacity { get; init; }

    /// <summary>Node labels of the nodes that ran the executors (operator), for spot detection.</summary>
    public IReadOnlyDictionary<string, string>? NodeLabels { get; init; }

    /// <summary>Databricks SKU (jobs-compute, all-purpose, ...); else the compute type the log's cluster tags name, else jobs-compute.</summary>
    public string? DatabricksSku { get; init; }

    /// <summary>Databricks Photon (more DBUs per hour); else what the log's runtime version or engine says.</summary>
    public bool? DatabricksPhoton { get; init; }

    /// <summary>Where <see cref="InstanceType"/> came from (the operator: a node's label, an annotation, a Helm value); else "the instance type given to the analysis".</summary>
    public string? InstanceTypeSource { get; init; }

    /// <summary>The region the nodes ran in (the operator reads it from the node's topology label), checked against the price book's.</summary>
    public string? Region { get; init; }

    /// <summary>False turns pricing off: the report then gives core-hours and executor-hours, never money.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>EMR on EKS rather than plain Kubernetes.</summary>
    public bool EmrOnEks { get; init; }

    /// <summary>How often the app runs (from its schedule or history), for the reserved-capacity suggestion.</summary>
    public double? RunsPerMonth { get; init; }

    public PriceBook? PriceBook { get; init; }

    public NodeShapeCatalog? NodeShapes { get; init; }
}
