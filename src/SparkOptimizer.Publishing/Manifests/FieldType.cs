namespace SparkOptimizer.Publishing.Manifests;

/// <summary>The schema type of a manifest field, which decides how a new value must be written.</summary>
public enum FieldType
{
    /// <summary>A string (Kubeflow's <c>memory</c>, every <c>sparkConf</c> value): a plain value that YAML would read as a number or boolean gets quoted.</summary>
    String,

    /// <summary>An integer (<c>cores</c>, <c>instances</c>, <c>maxExecutors</c>).</summary>
    Integer,

    /// <summary>A boolean (<c>dynamicAllocation.enabled</c>).</summary>
    Boolean,

    /// <summary>A Kubernetes quantity (<c>resources.limits.memory</c>): a string or a number.</summary>
    Quantity,
}
