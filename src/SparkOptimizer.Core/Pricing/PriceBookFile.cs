namespace SparkOptimizer.Pricing;

/// <summary>The YAML shape of one price file under config/pricing/ (mutable: the deserialiser fills it).</summary>
internal sealed class PriceBookFile
{
    public string? Provider { get; set; }

    public string? Source { get; set; }

    public string? Date { get; set; }

    public string? Currency { get; set; }

    public string? Region { get; set; }

    public decimal? ReservedDiscount { get; set; }

    public Dictionary<string, InstancePriceEntry>? Instances { get; set; }

    public Dictionary<string, decimal>? EmrUplift { get; set; }

    public RateEntry? EmrOnEks { get; set; }

    public RateEntry? Dataproc { get; set; }

    public Dictionary<string, Dictionary<string, decimal>>? DbuPrice { get; set; }

    public Dictionary<string, decimal>? DbuPerHour { get; set; }

    public Dictionary<string, decimal>? PhotonDbuMultiplier { get; set; }

    public OpenCostEntry? OpenCost { get; set; }

    internal sealed class InstancePriceEntry
    {
        public decimal? OnDemand { get; set; }

        public decimal? Spot { get; set; }
    }

    internal sealed class OpenCostEntry
    {
        public decimal? Cpu { get; set; }

        public decimal? Ram { get; set; }

        public decimal? SpotCpu { get; set; }

        public decimal? SpotRam { get; set; }
    }

    internal sealed class RateEntry
    {
        public decimal? PerVcpuHour { get; set; }

        public decimal? PerGbHour { get; set; }
    }
}
