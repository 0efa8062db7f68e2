using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>
/// Prices a run from its event log. Node-billed platforms (EMR on EC2, Databricks, Dataproc) with a known worker count
/// pay nodes x effective node price x duration; otherwise (plain Kubernetes, EMR on EKS, or unknown worker count) each
/// executor and the driver pay OpenCost's way: max(request, usage) of cores and memory at the node's split rates.
/// Where no node price is known (no instance type, on-prem, a type outside the price books) the pods' core-hours and
/// GiB-hours are charged at OpenCost's custom-pricing rates, and the report says so; with pricing off it gives hours only.
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
        var (instanceType, instanceSource) = InstanceType(run, options);
        var (sku, skuSource) = Sku(run, options, platform);
        var (photon, photonSource) = Photon(run, options, platform);
        var notes = new List<string>();
        var emrOnEks = options.EmrOnEks || (platform == Platform.Emr && (env.Get("spark.master") ?? string.Empty).StartsWith("k8s", StringComparison.OrdinalIgnoreCase));
        var nodePlatform = emrOnEks ? Platform.Kubernetes : platform;

        NodePrice? node = null;
        string? unpriced = null;
        if (!options.Enabled)
        {
            notes.Add("pricing turned off: cost given as executor- and core-hours only");
        }
        else if (instanceType is null)
        {
            unpriced = "no instance type in the log or options";
        }
        else
        {
            node = NodePricer.Price(instanceType, nodePlatform, capacity, book, shapes, sku, out var missing, photon);
            if (node is null)
            {
                unpriced = missing;
            }
            else if (node.Shape is null)
            {
                unpriced = $"no node shape for '{instanceType}' in node-shapes.yaml: cannot split its price into core and memory rates";
            }
        }

        Money? cost = null;
        ResourceRates? rates = null;
        var method = "unpriced: executor-hours and core-hours";
        int? nodes = null;
        var (workers, workersSource) = Workers(run, platform, footprint);
        (double Core, double GiB)? podHours = null;
        string? driverType = null;
        (double Core, double GiB, double UnheldCore, double UnheldGiB)? nodeHours = null;
        if (node is { Shape: { } shape })
        {
            rates = KubernetesCostSplit.Split(node.Hourly, shape.Vcpu, shape.Memory.TotalGiB, node.Currency);
            var nodeBilled = platform is Platform.Emr or Platform.Databricks or Platform.Dataproc && !emrOnEks;
            if (nodeBilled && workers is > 0 and var count)
            {
                nodes = count;
                cost = node.PerHour * (count * footprint.DurationHours);
                method = string.Create(CultureInfo.InvariantCulture, $"{count} worker nodes x ({node.Method}) x {footprint.DurationHours:0.###} h");
                var workerCores = count * shape.Vcpu * footprint.DurationHours;
                var workerGiB = count * shape.Memory.TotalGiB * footprint.DurationHours;
                nodeHours = (workerCores, workerGiB, Math.Max(0, workerCores - footprint.CoreHours), Math.Max(0, workerGiB - footprint.MemoryGiBHours));
                if (run.Vendor.DriverInstanceType is { } driver
                    && NodePricer.Price(driver, nodePlatform, capacity, book, shapes, sku, out _, photon) is { } driverNode)
                {
                    driverType = driver;
                    cost += driverNode.PerHour * footprint.DurationHours;
                    method += $" + driver node ({driverNode.Method})";
                    if (driverNode.Shape is { } driverShape)
                    {
                        nodeHours = nodeHours.Value with
                        {
                            Core = workerCores + (driverShape.Vcpu * footprint.DurationHours),
                            GiB = workerGiB + (driverShape.Memory.TotalGiB * footprint.DurationHours),
                        };
                    }
                }
            }
            else
            {
                podHours = PodHours(footprint);
                cost = rates.Charge(podHours.Value.Core, podHours.Value.GiB);
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

        // No node price: charge the pods' core-hours and GiB-hours at OpenCost's custom-pricing rates rather than say nothing.
        OpenCostRates? defaults = null;
        var basis = cost is null ? CostBasis.Unpriced : CostBasis.PriceBook;
        if (cost is null && options.Enabled && book.OpenCost is { } openCost)
        {
            defaults = openCost;
            rates = openCost.For(capacity);
            podHours = PodHours(footprint);
            cost = rates.Charge(podHours.Value.Core, podHours.Value.GiB);
            basis = CostBasis.OpenCostDefaultRates;
            method = $"OpenCost default rates {rates.PerCoreHour}/vCPU-h and {rates.PerGiBHour}/GiB-h; executor and driver pods pay max(request, usage) over their lifetimes";
        }

        if (options.Region is { } region && node?.Source.Region is { } priced && !string.Equals(region, priced, StringComparison.OrdinalIgnoreCase))
        {
            notes.Add($"the nodes ran in {region}; the price book's prices are for {priced}: add a price file for {region} for its prices");
        }

        if (unpriced is not null)
        {
            notes.Add(unpriced + (basis == CostBasis.OpenCostDefaultRates
                ? ": priced at OpenCost's default rates (config/pricing/opencost-default.yaml); name the instance type for its node price"
                : ": cost given as executor- and core-hours only"));
        }

        if (basis == CostBasis.PriceBook && nodes is not null && env.Get("spark.databricks.clusterUsageTags.clusterAvailability") is { } availability
            && availability.StartsWith("SPOT", StringComparison.OrdinalIgnoreCase) && capacity == CapacityType.OnDemand)
        {
            notes.Add($"cluster availability {availability}: workers may have run on spot, so the on-demand price is an upper bound");
        }

        var pods = podHours ?? PodHours(footprint);
        var paid = nodeHours ?? (pods.Core, pods.GiB, 0.0, 0.0);
        var (waste, useful) = WasteBreakdown.Compute(footprint, cost?.Round(4), rates, paid.Core, paid.GiB, paid.UnheldCore, paid.UnheldGiB);
        RightSizing? rightSizing = null;
        if (node is not null && basis == CostBasis.PriceBook)
        {
            rightSizing = RightSizer.Fit(footprint, node, nodes, t => NodePricer.Price(t, nodePlatform, capacity, book, shapes, sku, out _, photon), shapes);
        }

        var price = node is null ? null : book.Find(instanceType);
        // Spot discounts the instance, not the platform's charge on top (EMR uplift, DBUs, Dataproc fee): the node's price moves
        // from on-demand + charge to spot + charge.
        decimal? spotRatio = price is { SpotHourly: { } spot } && capacity == CapacityType.OnDemand && node is { Hourly: > 0 } nodePrice
            ? (nodePrice.Hourly - price.OnDemandHourly + spot) / nodePrice.Hourly
            : null;
        var spotAssessment = SpotAssessor.Assess(run, footprint, capacity == CapacityType.OnDemand ? cost : null, spotRatio) with
        {
            SpotPriceSource = price is { SpotHourly: not null } ? price.Source : null,
        };
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

        return new CostReport(cost?.Round(4), defaults?.Source ?? node?.Source, instanceType, platform, capacity, method, footprint, rates, waste, rightSizing, spotAssessment, reserved, notes)
        {
            Basis = basis,
            InstanceTypeSource = instanceSource,
            Workers = nodes,
            WorkersSource = nodes is null ? null : workersSource,
            DriverInstanceType = driverType,
            DriverInstanceTypeSource = driverType is null ? null : run.Vendor.DriverInstanceTypeSource,
            DatabricksSku = platform == Platform.Databricks && basis == CostBasis.PriceBook ? sku : null,
            DatabricksSkuSource = platform == Platform.Databricks && basis == CostBasis.PriceBook ? skuSource : null,
            DatabricksPhotonSource = basis == CostBasis.PriceBook && photon ? photonSource : null,
            DefaultRates = defaults,
            PricedCoreHours = podHours?.Core,
            PricedGiBHours = podHours?.GiB,
            UsefulCost = useful,
        };
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
        var (instanceType, _) = InstanceType(run, options);
        var (sku, _) = Sku(run, options, platform);
        var (photon, _) = Photon(run, options, platform);
        if (!options.Enabled || instanceType is null || NodePricer.Price(instanceType, nodePlatform, capacity, book, shapes, sku, out _, photon) is not { Shape: { } shape } node)
        {
            return null;
        }

        var memory = ExecutorMemoryRequest(executorHeap);
        if (!emrOnEks && platform is Platform.Emr or Platform.Databricks or Platform.Dataproc && (run.Vendor.Workers is > 0 || (platform == Platform.Databricks && run.WorkerExecutors.Any())))
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
        var node = NodePricer.Price(instanceType, options.Platform ?? Platform.Kubernetes, options.Capacity ?? CapacityType.OnDemand, book, shapes, options.DatabricksSku ?? PricingDefaults.DefaultDatabricksSku, out _);
        if (node?.Shape is not { } shape)
        {
            return null;
        }

        var rates = KubernetesCostSplit.Split(node.Hourly, shape.Vcpu, shape.Memory.TotalGiB, node.Currency);
        return rates.Charge(executorHours * coresPerExecutor, executorHours * memoryRequestPerExecutor.TotalGiB).Round(4);
    }

    /// <summary>Executor pod memory request for a heap size under the run's conf (the container memory model); no conf: Spark's JVM default.</summary>
    public static ByteSize ExecutorMemoryRequest(ByteSize heap, SparkEnvironment? env = null) =>
        new(ExecutorMemory.ForHeap(env is null ? static _ => null : env.Get, heap.Bytes).TotalBytes);

    /// <summary>Core-hours and GiB-hours the executor pods and the driver pod are charged for (none for the driver in local mode).</summary>
    private static (double Core, double GiB) PodHours(RunFootprint f)
    {
        // Requests dominate usage for CPU (a pod cannot use more cores than its limit for long); memory usage above the
        // request is counted where the log shows it.
        var memoryGiBHours = f.MemoryGiBHours;
        if (f.PeakExecutorMemoryUsed is { } used && used.Bytes > f.ExecutorMemoryRequest.Bytes)
        {
            memoryGiBHours = f.ExecutorHours * used.TotalGiB;
        }

        return f.Local
            ? (f.CoreHours, memoryGiBHours)
            : (f.CoreHours + (f.DriverCores * f.DurationHours), memoryGiBHours + (f.DriverMemoryRequest.TotalGiB * f.DurationHours));
    }

    /// <summary>The instance type and where it came from: the options, the log's vendor properties or node selector, the fallback.</summary>
    private static (string? Type, string? Source) InstanceType(SparkRun run, CostOptions options)
    {
        if (options.InstanceType is { } given)
        {
            return (given, options.InstanceTypeSource ?? "the instance type given to the analysis");
        }

        if (run.Vendor.InstanceType is { } vendor)
        {
            return (vendor, run.Vendor.InstanceTypeSource ?? "the run's platform properties");
        }

        foreach (var key in new[] { InstanceTypeSelector, BetaInstanceTypeSelector })
        {
            if (run.Environment.Get(key) is { } selected)
            {
                return (selected, key);
            }
        }

        return options.FallbackInstanceType is { } fallback ? (fallback, "the default instance type of the configuration") : (null, null);
    }

    /// <summary>The Databricks SKU: the options', else the cluster tags', else the default (jobs compute).</summary>
    private static (string Sku, string? Source) Sku(SparkRun run, CostOptions options, Platform platform)
    {
        if (options.DatabricksSku is { } given)
        {
            return (given, "the SKU given to the analysis");
        }

        return run.Vendor.DatabricksSku is { } tagged
            ? (tagged, run.Vendor.DatabricksSkuSource)
            : (PricingDefaults.DefaultDatabricksSku, platform == Platform.Databricks ? "default: no cluster tag names the compute type" : null);
    }

    /// <summary>Photon on a Databricks cluster: the options', else the log's runtime version or engine.</summary>
    private static (bool Photon, string? Source) Photon(SparkRun run, CostOptions options, Platform platform)
    {
        if (platform != Platform.Databricks)
        {
            return (false, null);
        }

        return options.DatabricksPhoton is { } given
            ? (given, "the Photon setting given to the analysis")
            : (run.Vendor.DatabricksPhoton, run.Vendor.DatabricksPhotonSource);
    }

    /// <summary>
    /// Worker nodes: the count the platform properties give; on Databricks, which runs one executor per worker, else the
    /// peak of executors alive at once.
    /// </summary>
    private static (int? Workers, string? Source) Workers(SparkRun run, Platform platform, RunFootprint footprint)
    {
        if (run.Vendor.Workers is { } workers)
        {
            return (workers, run.Vendor.WorkersSource ?? "the run's platform properties");
        }

        return platform == Platform.Databricks && !footprint.Local && footprint.PeakExecutors > 0
            ? (footprint.PeakExecutors, "peak executors alive at once in the log: Databricks runs one executor per worker")
            : (null, null);
    }
}
