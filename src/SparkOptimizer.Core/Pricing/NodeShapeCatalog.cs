using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>The node shapes the tool can fit executors to: config/node-shapes.yaml (embedded), optionally replaced or extended by a user file.</summary>
public sealed class NodeShapeCatalog
{
    private static readonly Lazy<NodeShapeCatalog> Defaults = new(() => Parse(PriceBookLoader.ReadResource("node-shapes.yaml")));
    private readonly Dictionary<string, NodeShape> _shapes;

    public NodeShapeCatalog(IEnumerable<NodeShape> shapes)
    {
        _shapes = new Dictionary<string, NodeShape>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in shapes)
        {
            _shapes[s.Name] = s;
        }
    }

    public IReadOnlyCollection<NodeShape> All => _shapes.Values;

    public static NodeShapeCatalog LoadDefaults() => Defaults.Value;

    /// <summary>The defaults with the shapes of <paramref name="overrideFile"/> added or replacing same-named ones.</summary>
    public static NodeShapeCatalog Load(string? overrideFile) =>
        string.IsNullOrWhiteSpace(overrideFile)
            ? LoadDefaults()
            : new NodeShapeCatalog(LoadDefaults().All.Concat(Parse(File.ReadAllText(overrideFile)).All));

    public NodeShape? Find(string? name) => name is not null && _shapes.TryGetValue(name.Trim(), out var s) ? s : null;

    public IEnumerable<NodeShape> ForProvider(string provider) => _shapes.Values.Where(s => s.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase));

    public static NodeShapeCatalog Parse(string yaml)
    {
        var file = PriceBookLoader.Deserializer().Deserialize<NodeShapeFile>(yaml) ?? new NodeShapeFile();
        return new NodeShapeCatalog((file.Shapes ?? []).Where(s => s.Name is not null && s.Vcpu > 0).Select(s => new NodeShape(
            s.Name!, s.Provider ?? "unknown", s.Family ?? s.Name!, s.Vcpu,
            ByteSize.FromMiB(s.MemoryGiB * 1024), s.AllocatableCpu ?? s.Vcpu, ByteSize.FromMiB((s.AllocatableMemoryGiB ?? s.MemoryGiB) * 1024),
            s.RelativeSpeed ?? 1.0)));
    }
}
