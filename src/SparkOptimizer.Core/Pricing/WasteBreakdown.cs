namespace SparkOptimizer.Pricing;

/// <summary>
/// The run's cost split by cause so that the parts add up to the cost: what was paid for splits into core-hours and
/// GiB-hours (in the price's own CPU : memory ratio); core-hours go to failed attempts, driver-only time, the skew tail
/// and idle cores (with node cores no executor held), GiB-hours to unused memory (with node memory no executor held);
/// what remains is useful work. Without money the hours are still given.
/// </summary>
internal static class WasteBreakdown
{
    /// <param name="paidCoreHours">Core-hours the price covers (pods' max(request, usage), or the nodes' vCPU x hours).</param>
    /// <param name="paidGiBHours">GiB-hours the price covers.</param>
    /// <param name="unheldCoreHours">Node cores no executor held (node-billed platforms), counted as idle.</param>
    /// <param name="unheldGiBHours">Node memory no executor held, counted as unused.</param>
    public static (IReadOnlyList<WasteItem> Items, Money? Useful) Compute(
        RunFootprint f, Money? cost, ResourceRates? rates, double paidCoreHours, double paidGiBHours, double unheldCoreHours = 0, double unheldGiBHours = 0)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (perCore, perGiB) = EffectiveRates(cost, rates, paidCoreHours, paidGiBHours);
        var heldCores = Math.Max(1e-9, f.CoreHours);
        Money? Price(double coreHours, double gibHours) =>
            cost is { } c && perCore is { } pc && perGiB is { } pg ? new Money((pc * (decimal)coreHours) + (pg * (decimal)gibHours), c.Currency).Round(4) : null;
        WasteItem Cores(WasteCause cause, double hours, string why) => new(cause, hours, 0, Price(hours, 0), hours / heldCores, why);

        var idle = f.IdleCoreHours + unheldCoreHours;
        var items = new List<WasteItem>
        {
            Cores(WasteCause.IdleCores, idle, unheldCoreHours > 0
                ? "cores held with no task on them while jobs ran, and node cores no executor held"
                : "cores held with no task on them while jobs ran"),
            Cores(WasteCause.DriverOnlyTime, f.DriverOnlyCoreHours, "executors held while only the driver worked"),
            Cores(WasteCause.SkewTail, f.SkewTailCoreHours, "cores waiting on stages' slowest tasks"),
            Cores(WasteCause.FailedAttempts, f.FailedAttemptCoreHours,
                "failed and killed task attempts (each at its stage's median task time) and the tasks of failed stage attempts"),
        };
        if (f.UnusedMemoryGiBHours is { } gib || unheldGiBHours > 0)
        {
            var unused = (f.UnusedMemoryGiBHours ?? 0) + unheldGiBHours;
            var held = f.MemoryGiBHours + unheldGiBHours;
            items.Add(new WasteItem(WasteCause.UnusedMemory, 0, unused, Price(0, unused), held > 0 ? unused / held : 0,
                f.UnusedMemoryGiBHours is null ? "node memory no executor held" : "memory requested above the executors' peak use"));
        }

        Money? useful = cost is { } total && items.All(i => i.Cost is not null)
            ? items.Aggregate(total.Round(4), (rest, i) => rest - i.Cost!.Value)
            : null;
        return (items, useful);
    }

    /// <summary>
    /// The money per core-hour and per GiB-hour that makes the paid hours add up to the cost: the price's split rates, scaled
    /// by cost / (rates x paid hours), which is 1 where the pods were charged at those rates and covers a separately priced driver node.
    /// </summary>
    private static (decimal? PerCore, decimal? PerGiB) EffectiveRates(Money? cost, ResourceRates? rates, double paidCoreHours, double paidGiBHours)
    {
        if (cost is not { } c || rates is null)
        {
            return (null, null);
        }

        var charged = rates.Charge(paidCoreHours, paidGiBHours).Amount;
        var scale = charged > 0 ? c.Amount / charged : 0;
        return (rates.PerCoreHour * scale, rates.PerGiBHour * scale);
    }
}
