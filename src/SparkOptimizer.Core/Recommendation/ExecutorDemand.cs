namespace SparkOptimizer.Recommendation;

/// <summary>
/// What the findings ask of the executors: at least this heap or overhead, these cores or instances, or (right-sizing, only when
/// decreases are allowed) a lower heap target. The sizer reconciles them with each other and with the observed floors.
/// </summary>
public sealed record ExecutorDemand(long? HeapAtLeast = null, long? OverheadAtLeast = null, int? Cores = null, int? Instances = null, long? HeapTarget = null);
