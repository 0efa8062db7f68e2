namespace SparkOptimizer.Pricing;

/// <summary>
/// All prices the cost model knows: instance prices by type, EMR uplifts, EMR on EKS, Dataproc and Databricks rates,
/// reserved discounts by provider, and where each came from. Books merge: a later book overrides an earlier one.
/// </summary>
public sealed record PriceBook(
    IReadOnlyDictionary<string, InstancePrice> Instances,
    IReadOnlyDictionary<string, decimal> EmrUplift,
    EmrOnEksRates? EmrOnEks,
    decimal? DataprocPerVcpuHour,
    DatabricksRates? Databricks,
    IReadOnlyDictionary<string, decimal> ReservedDiscount,
    IReadOnlyList<PriceSource> Sources)
{
    public static PriceBook Empty { get; } = new(
        new Dictionary<string, InstancePrice>(StringComparer.OrdinalIgnoreCase), new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase),
        null, null, null, new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase), []);

    /// <summary>OpenCost's custom-pricing rates, for runs whose node has no price; null when no book gives them.</summary>
    public OpenCostRates? OpenCost { get; init; }

    public InstancePrice? Find(string? instanceType) =>
        instanceType is not null && Instances.TryGetValue(instanceType.Trim(), out var price) ? price : null;

    public decimal ReservedDiscountFor(string provider) => ReservedDiscount.TryGetValue(provider, out var d) ? d : 0;

    public PriceBook Merge(PriceBook other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PriceBook(
            Combine(Instances, other.Instances),
            Combine(EmrUplift, other.EmrUplift),
            other.EmrOnEks ?? EmrOnEks,
            other.DataprocPerVcpuHour ?? DataprocPerVcpuHour,
            MergeDatabricks(Databricks, other.Databricks),
            Combine(ReservedDiscount, other.ReservedDiscount),
            [.. Sources, .. other.Sources])
        {
            OpenCost = other.OpenCost ?? OpenCost,
        };
    }

    private static Dictionary<string, T> Combine<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b)
    {
        var result = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in a)
        {
            result[k] = v;
        }

        foreach (var (k, v) in b)
        {
            result[k] = v;
        }

        return result;
    }

    private static DatabricksRates? MergeDatabricks(DatabricksRates? a, DatabricksRates? b)
    {
        if (a is null || b is null)
        {
            return b ?? a;
        }

        var prices = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.OrdinalIgnoreCase);
        foreach (var cloud in a.DbuPrice.Keys.Union(b.DbuPrice.Keys, StringComparer.OrdinalIgnoreCase))
        {
            prices[cloud] = Combine(
                a.DbuPrice.TryGetValue(cloud, out var x) ? x : new Dictionary<string, decimal>(),
                b.DbuPrice.TryGetValue(cloud, out var y) ? y : new Dictionary<string, decimal>());
        }

        return new DatabricksRates(Combine(a.DbuPerHour, b.DbuPerHour), prices, b.Source) { PhotonDbuMultiplier = Combine(a.PhotonDbuMultiplier, b.PhotonDbuMultiplier) };
    }
}
