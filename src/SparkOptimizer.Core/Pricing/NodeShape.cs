using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>A machine type: what it has, what Kubernetes can give pods on it, and its per-core speed relative to m5.</summary>
public sealed record NodeShape(
    string Name,
    string Provider,
    string Family,
    int Vcpu,
    ByteSize Memory,
    double AllocatableCpu,
    ByteSize AllocatableMemory,
    double RelativeSpeed);
