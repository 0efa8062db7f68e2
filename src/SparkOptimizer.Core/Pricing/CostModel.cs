using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>
/// Prices a run from its event log. Node-billed platforms (EMR on EC2, Databricks, Dataproc) with a known worker count
/// pay nodes x effective node price x duration; otherwise (plain Kubernetes, EMR on EKS, or unknown worker count) each
/// executor and the driver pay OpenCost's way: max(request, usage) of cores and memory at the node's split rates.
/// Where no price is known the report gives executor- and core-hours, never a guessed figure.
/// </summary>
public static class CostModel
{
    private const string InstanceTypeSelector = "spark.kubernetes.node.selector.node.kubernetes.io/instance-type";
    private const string BetaInstanceTypeSelector = "spark.kubernetes.node.selector.beta.kubernetes.io/instance-type";

    public static CostReport Price(SparkRun run, CostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        options ??= new CostOptions();
        var book = options.PriceBook ?? PriceBookLoader.LoadDefaults();
        var shapes = options.NodeShapes ?? NodeShapeCatalog.LoadDefaults();
        var footprint = RunFootprint.FromRun(run);
        var platform = options.Platform ?? run.Vendor.Platform;
        var env = run.Environment;
        var capacity = options.Capacity
            ?? (options.NodeLabels is { } labels ? KubernetesCostSplit.CapacityFromLabels(labels) : null)
            ?? KubernetesCostSplit.CapacityFromLabels(env.SparkProperties)
            ?? CapacityType.OnDemand;
        var instanceType = options.InstanceType ?? run.Vendor.InstanceType ?? env.Get(InstanceTypeSelector) ?? env.Get(BetaInstanceTypeSelector) ?? options.FallbackInstanceType;
        var notes = new List<string>();
        var emrOnEks = options.EmrOnEks || (platform == Platform.Emr && (env.Get("spark.master") ?? string.Empty).StartsWith("k8s", StringComparison.OrdinalIgnoreCase));
        var nodePlatform = emrOnEks ? Platform.Kubernetes : platform;

        NodePrice? node = null;
        if (instanceType is null)
        {
            notes.Add("no instance type in the log or options: cost given as executor- and core-hours only");
        }
        else
        {
            node = NodePricer.Price(instanceType, nodePlatform, capacity, book, shapes, options.DatabricksSku, out var missing);
            if (node is null)
            {
                notes.Add(missing + ": cost given as executor- and core-hours only");
            }
            else if (node.Shape is null)
            {
                notes.Add($"no node shape for '{instanceType}' in node-shapes.yaml: cannot split its price into core and memory rates");
            }
        }

        Money? cost = null;
        ResourceRates? rates = null;
        var method = "unpriced: executor-hours and core-hours";
        int? nodes = null;
        if (node is { Shape: { } shape })
        {
            rates = KubernetesCostSplit.Split(node.Hourly, shape.Vcpu, shape.Memory.TotalGiB, node.Currency);
            var nodeBilled = platform is Platform.Emr or Platform.Databricks or Platform.Dataproc && !emrOnEks;
            if (nodeBilled && run.Vendor.Workers is > 0 and var workers)
            {
                nodes = workers;
                cost = node.PerHour * (workers * footprint.DurationHours);
                method = string.Create(CultureInfo.InvariantCulture, $"{workers} worker nodes x ({node.Method}) x {footprint.DurationHours:0.###} h");
                if (run.Vendor.DriverInstanceType is { } driverType
                    && NodePricer.Price(driverType, nodePlatform, capacity, book, shapes, options.DatabricksSku, out _) is { } driverNode)
                {
                    cost += driverNode.PerHour * footprint.DurationHours;
                    method += $" + driver node {driverType}";
                }
            }
            else
            {
                cost = PodCost(footprint, rates);
                method = $"OpenCost split of {node.Method} into {rates.PerCoreHour:0.#####}/core-h and {rates.PerGiBHour:0.#####}/GiB-h; executor and driver pods pay max(request, usage) over their lifetimes";
                if (emrOnEks && book.EmrOnEks is { } eks)
                {
                    var podCores = footprint.CoreHours + (footprint.DriverCores * footprint.DurationHours);
                    var podGiB = footprint.MemoryGiBHours + (footprint.DriverMemoryRequest.TotalGiB * footprint.DurationHours);
                    cost += new Money((eks.PerVcpuHour * (decimal)podCores) + (eks.PerGbHour * (decimal)podGiB), node.Currency);
                    method += $" + EMR on EKS {eks.PerVcpuHour}/vCPU-h, {eks.PerGbHour}/GB-h";
                }
            }
        }

        var waste = Waste(footprint, rates);
        RightSizing? rightSizing = null;
        if (node is not null)
        {
            rightSizing = RightSizer.Fit(footprint, node, nodes, t => NodePricer.Price(t, nodePlatform, capacity, book, shapes, options.DatabricksSku, out _), shapes);
        }

        var price = instanceType is null ? null : book.Find(instanceType);
        decimal? spotRatio = price is { SpotHourly: { } spot } && capacity == CapacityType.OnDemand && price.OnDemandHourly > 0 ? spot / price.OnDemandHourly : null;
        var spotAssessment = SpotAssessor.Assess(run, footprint, capacity == CapacityType.OnDemand ? cost : null, spotRatio);
        ReservedCapacitySuggestion? reserved = null;
        if (options.RunsPerMonth is { } runs && runs > 0)
        {
            var nodeCount = nodes ?? rightSizing?.CurrentNodes ?? Math.Max(1, footprint.PeakExecutors);
            reserved = ReservedCapacityAdvisor.Advise(runs, nodeCount, footprint.DurationHours, cost, price is null ? 0 : book.ReservedDiscountFor(price.Provider));
        }
        else
        {
            notes.Add("no schedule or run history given: no reserved-capacity suggestion");
        }

        return new CostReport(cost?.Round(4), node?.Source, instanceType, platform, capacity, method, footprint, rates, waste, rightSizing, spotAssessment, reserved, notes);
    }

    /// <summary>
    /// Prices a what-if configuration of <paramref name="run"/> the way <see cref="Price"/> prices the run itself: on
    /// node-billed platforms the nodes that hold the executors for the predicted duration, otherwise the executor pods
    /// (their predicted executor-hours) and the driver pod. Null when the instance type has no price or shape.
    /// </summary>
    public static Money? PriceConfiguration(SparkRun run, int executors, int coresPerExecutor, ByteSize executorHeap, double executorHours, double durationHours, CostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        options ??= new CostOptions();
        var book = options.PriceBook ?? PriceBookLoader.LoadDefaults();
        var shapes = options.NodeShapes ?? NodeShapeCatalog.LoadDefaults();
        var env = run.Environment;
        var platform = options.Platform ?? run.Vendor.Platform;
        var emrOnEks = options.EmrOnEks || (platform == Platform.Emr && (env.Get("spark.master") ?? string.Empty).StartsWith("k8s", StringComparison.OrdinalIgnoreCase));
        var nodePlatform = emrOnEks ? Platform.Kubernetes : platform;
        var capacity = options.Capacity ?? KubernetesCostSplit.CapacityFromLabels(options.NodeLabels ?? env.SparkProperties) ?? CapacityType.OnDemand;
        var instanceType = options.InstanceType ?? run.Vendor.InstanceType ?? env.Get(InstanceTypeSelector) ?? env.Get(BetaInstanceTypeSelector) ?? options.FallbackInstanceType;
        if (instanceType is null || NodePricer.Price(instanceType, nodePlatform, capacity, book, shapes, options.DatabricksSku, out _) is not { Shape: { } shape } node)
        {
            return null;
        }

        var memory = ExecutorMemoryRequest(executorHeap);
        if (!emrOnEks && platform is Platform.Emr or Platform.Databricks or Platform.Dataproc && run.Vendor.Workers is > 0)
        {
            var pods = Math.Max(1, RightSizer.PodsPerNode(shape, coresPerExecutor, memory));
            var nodes = Math.Max(1, (int)Math.Ceiling(executors / (double)pods));
            return (node.PerHour * (nodes * durationHours)).Round(4);
        }

        var rates = KubernetesCostSplit.Split(node.Hourly, shape.Vcpu, shape.Memory.TotalGiB, node.Currency);
        var driver = FootprintCalculator.DriverMemoryRequest(env);
        var driverCores = env.GetInt("spark.driver.cores") ?? 1;
        var cost = rates.Charge(executorHours * coresPerExecutor, executorHours * memory.TotalGiB) + rates.Charge(driverCores * durationHours, driver.TotalGiB * durationHours);
        if (emrOnEks && book.EmrOnEks is { } eks)
        {
            cost += new Money((eks.PerVcpuHour * (decimal)((executorHours * coresPerExecutor) + (driverCores * durationHours)))
                + (eks.PerGbHour * (decimal)((executorHours * memory.TotalGiB) + (driver.TotalGiB * durationHours))), node.Currency);
        }

        return cost.Round(4);
    }

    /// <summary>
    /// Prices executor time of a configuration (for what-if predictions): executor-hours of pods with the given cores
    /// and memory request, at the instance type's OpenCost split rates. Null when the instance type has no price or shape.
    /// </summary>
    public static Money? PriceExecutorHours(string instanceType, double executorHours, int coresPerExecutor, ByteSize memoryRequestPerExecutor, CostOptions? options = null)
    {
        options ??= new CostOptions();
        var book = options.PriceBook ?? PriceBookLoader.LoadDefaults();
        var shapes = options.NodeShapes ?? NodeShapeCatalog.LoadDefaults();
        var node = NodePricer.Price(instanceType, options.Platform ?? Platform.Kubernetes, options.Capacity ?? CapacityType.OnDemand, book, shapes, options.DatabricksSku, out _);
        if (node?.Shape is not { } shape)
        {
            return null;
        }

        var rates = KubernetesCostSplit.Split(node.Hourly, shape.Vcpu, shape.Memory.TotalGiB, node.Currency);
        return rates.Charge(executorHours * coresPerExecutor, executorHours * memoryRequestPerExecutor.TotalGiB).Round(4);
    }

    /// <summary>Executor pod memory request for a heap size: heap + max(384 MiB, 10 %).</summary>
    public static ByteSize ExecutorMemoryRequest(ByteSize heap) =>
        new(heap.Bytes + Math.Max(PricingDefaults.MinMemoryOverheadBytes, (long)(heap.Bytes * PricingDefaults.MemoryOverheadFactor)));

    private static Money PodCost(RunFootprint f, ResourceRates rates)
    {
        // Requests dominate usage for CPU (a pod cannot use more cores than its limit for long); memory usage above the
        // request is counted where the log shows it.
        var memoryGiBHours = f.MemoryGiBHours;
        if (f.PeakExecutorMemoryUsed is { } used && used.Bytes > f.ExecutorMemoryRequest.Bytes)
        {
            memoryGiBHours = f.ExecutorHours * used.TotalGiB;
        }

        var executors = rates.Charge(f.CoreHours, memoryGiBHours);
        var driver = f.Local ? Money.Zero(rates.Currency) : rates.Charge(f.DriverCores * f.DurationHours, f.DriverMemoryRequest.TotalGiB * f.DurationHours);
        return executors + driver;
    }

    private static List<WasteItem> Waste(RunFootprint f, ResourceRates? rates)
    {
        var paidCore = Math.Max(1e-9, f.CoreHours);
        Money? Cores(double h) => rates?.Charge(h, 0).Round(4);
        var items = new List<WasteItem>
        {
            new(WasteCause.IdleCores, f.IdleCoreHours, 0, Cores(f.IdleCoreHours), f.IdleCoreHours / paidCore,
                "cores held with no task on them while jobs ran"),
            new(WasteCause.DriverOnlyTime, f.DriverOnlyCoreHours, 0, Cores(f.DriverOnlyCoreHours), f.DriverOnlyCoreHours / paidCore,
                "executors held while only the driver worked"),
            new(WasteCause.SkewTail, f.SkewTailCoreHours, 0, Cores(f.SkewTailCoreHours), f.SkewTailCoreHours / paidCore,
                "cores waiting on stages' slowest tasks"),
        };
        if (f.UnusedMemoryGiBHours is { } gib)
        {
            items.Add(new WasteItem(WasteCause.UnusedMemory, 0, gib, rates?.Charge(0, gib).Round(4), f.MemoryGiBHours > 0 ? gib / f.MemoryGiBHours : 0,
                "memory requested above the executors' peak use"));
        }

        return items;
    }
}
