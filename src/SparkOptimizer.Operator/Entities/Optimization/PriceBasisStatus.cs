using System.ComponentModel;
using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

[Description("What the run's cost rests on: the price basis, the node type and where it came from, the capacity type, the price list and its date, and the waste by cause.")]
public sealed class PriceBasisStatus
{
    [JsonPropertyName("basis")]
    [EnumValues("priceBook", "openCostDefaultRates", "unpriced")]
    public string? Basis { get; set; }

    [JsonPropertyName("nodeType")]
    public string? NodeType { get; set; }

    [JsonPropertyName("nodeTypeSource")]
    [Description("Where the node type came from: the app's annotation, the Helm value, a Node's label (Kubernetes API), kube_node_labels (Prometheus), or the event log's properties.")]
    public string? NodeTypeSource { get; set; }

    [JsonPropertyName("capacity")]
    public string? Capacity { get; set; }

    [JsonPropertyName("region")]
    public string? Region { get; set; }

    [JsonPropertyName("priceSource")]
    [Description("The price list the cost came from, with its date.")]
    public string? PriceSource { get; set; }

    [JsonPropertyName("waste")]
    [Description("Waste in money by cause; with useful it adds up to the cost.")]
    public IDictionary<string, double>? Waste { get; set; }

    [JsonPropertyName("useful")]
    public double? Useful { get; set; }
}
