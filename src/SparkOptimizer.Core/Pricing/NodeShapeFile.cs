namespace SparkOptimizer.Pricing;

/// <summary>The YAML shape of config/node-shapes.yaml.</summary>
internal sealed class NodeShapeFile
{
    public string? Source { get; set; }

    public string? Date { get; set; }

    public List<Entry>? Shapes { get; set; }

    internal sealed class Entry
    {
        public string? Name { get; set; }

        public string? Provider { get; set; }

        public string? Family { get; set; }

        public int Vcpu { get; set; }

        public double MemoryGiB { get; set; }

        public double? AllocatableCpu { get; set; }

        public double? AllocatableMemoryGiB { get; set; }

        public double? RelativeSpeed { get; set; }
    }
}
