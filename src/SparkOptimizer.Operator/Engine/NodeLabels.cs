namespace SparkOptimizer.Operator.Engine;

/// <summary>The well-known node labels that price a node: its instance type, its region, and how its capacity is bought.</summary>
public static class NodeLabels
{
    public const string InstanceType = "node.kubernetes.io/instance-type";
    public const string BetaInstanceType = "beta.kubernetes.io/instance-type";
    public const string Region = "topology.kubernetes.io/region";
    public const string BetaRegion = "failure-domain.beta.kubernetes.io/region";

    /// <summary>Capacity-type labels of Karpenter, EKS managed node groups, GKE and AKS (KubernetesCostSplit reads them).</summary>
    public static readonly IReadOnlyList<string> Capacity =
    [
        "karpenter.sh/capacity-type",
        "eks.amazonaws.com/capacityType",
        "cloud.google.com/gke-spot",
        "cloud.google.com/gke-preemptible",
        "kubernetes.azure.com/scalesetpriority",
    ];

    /// <summary>Every label kept from a node: the ones above.</summary>
    public static readonly IReadOnlyList<string> Priced = [InstanceType, BetaInstanceType, Region, BetaRegion, .. Capacity];

    /// <summary>The annotation on an app that names its node type, over anything found.</summary>
    public const string Annotation = "sparkoptimizer.io/instance-type";

    /// <summary>kube-state-metrics' name for a label in kube_node_labels: "label_" + the key with every character outside [a-zA-Z0-9_] as "_".</summary>
    public static string PrometheusName(string label) =>
        "label_" + new string(label.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());

    /// <summary>The priced labels of a node, from its label map (keys as Kubernetes writes them).</summary>
    public static Dictionary<string, string> Pick(IDictionary<string, string>? labels)
    {
        var picked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in Priced)
        {
            if (labels is not null && labels.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                picked[key] = value.Trim();
            }
        }

        return picked;
    }

    public static string? TypeOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(InstanceType, out var t) ? t : labels.TryGetValue(BetaInstanceType, out var b) ? b : null;

    public static string? RegionOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(Region, out var r) ? r : labels.TryGetValue(BetaRegion, out var b) ? b : null;
}
