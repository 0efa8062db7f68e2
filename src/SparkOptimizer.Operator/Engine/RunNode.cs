namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// The node type a run's pods ran on and where that came from (an annotation, the Helm value, a Node's labels through the
/// Kubernetes API, or kube_node_labels in Prometheus), with the node's region and its labels (the capacity type is read
/// from them). JSON: it travels to an analysis Job inside <see cref="AnalysisRequest"/>.
/// </summary>
/// <param name="InstanceType">The instance type, e.g. m5.2xlarge.</param>
/// <param name="Source">Where it was read, e.g. "label node.kubernetes.io/instance-type of node ip-10-0-1-7 (Kubernetes API), which ran 3 executors".</param>
/// <param name="Region">topology.kubernetes.io/region, when labelled.</param>
/// <param name="Labels">The node's labels that price it (instance type, region, capacity type).</param>
public sealed record RunNode(string InstanceType, string Source, string? Region, IReadOnlyDictionary<string, string> Labels);
