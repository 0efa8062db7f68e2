using System.Reflection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SparkOptimizer.Pricing;

/// <summary>
/// Loads price books: the defaults shipped with the tool (config/pricing/*.yaml, embedded), then any user file or
/// folder on top of them. A price file must say its source and date; one that does not is refused.
/// </summary>
public static class PriceBookLoader
{
    internal const string ResourcePrefix = "SparkOptimizer.Pricing.Defaults.";
    private static readonly Lazy<PriceBook> Defaults = new(LoadDefaultsCore);

    /// <summary>The embedded default price books.</summary>
    public static PriceBook LoadDefaults() => Defaults.Value;

    /// <summary>The defaults with <paramref name="overridePath"/> (a YAML file or a folder of them) merged on top, when given.</summary>
    public static PriceBook Load(string? overridePath)
    {
        var book = LoadDefaults();
        if (string.IsNullOrWhiteSpace(overridePath))
        {
            return book;
        }

        IEnumerable<string> files = Directory.Exists(overridePath)
            ? Directory.GetFiles(overridePath, "*.yaml").Concat(Directory.GetFiles(overridePath, "*.yml")).Order(StringComparer.Ordinal)
            : [overridePath];
        foreach (var file in files)
        {
            book = book.Merge(Parse(File.ReadAllText(file), file));
        }

        return book;
    }

    /// <summary>Parses one price file.</summary>
    public static PriceBook Parse(string yaml, string name)
    {
        var file = Deserializer().Deserialize<PriceBookFile>(yaml) ?? new PriceBookFile();
        if (string.IsNullOrWhiteSpace(file.Source) || string.IsNullOrWhiteSpace(file.Date))
        {
            throw new InvalidDataException($"Price file '{name}' must state its 'source' and 'date'.");
        }

        var currency = file.Currency ?? "USD";
        var provider = file.Provider ?? "unknown";
        var source = new PriceSource(file.Source!, file.Date!, file.Region, name);
        var instances = new Dictionary<string, InstancePrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, entry) in file.Instances ?? [])
        {
            if (entry.OnDemand is { } od)
            {
                instances[type] = new InstancePrice(type, provider, od, entry.Spot, currency, source);
            }
        }

        var reserved = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        if (file.ReservedDiscount is { } rd)
        {
            reserved[provider] = rd;
        }

        var emrOnEks = file.EmrOnEks is { PerVcpuHour: { } v, PerGbHour: { } g } ? new EmrOnEksRates(v, g, source) : null;
        DatabricksRates? databricks = null;
        if (file.DbuPerHour is not null || file.DbuPrice is not null || file.PhotonDbuMultiplier is not null)
        {
            var prices = (file.DbuPrice ?? []).ToDictionary(
                kv => kv.Key, kv => (IReadOnlyDictionary<string, decimal>)new Dictionary<string, decimal>(kv.Value, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
            databricks = new DatabricksRates(new Dictionary<string, decimal>(file.DbuPerHour ?? [], StringComparer.OrdinalIgnoreCase), prices, source)
            {
                PhotonDbuMultiplier = new Dictionary<string, decimal>(file.PhotonDbuMultiplier ?? [], StringComparer.OrdinalIgnoreCase),
            };
        }

        var openCost = file.OpenCost is { Cpu: { } cpu, Ram: { } ram } oc ? new OpenCostRates(cpu, ram, oc.SpotCpu, oc.SpotRam, currency, source) : null;
        return new PriceBook(
            instances,
            new Dictionary<string, decimal>(file.EmrUplift ?? [], StringComparer.OrdinalIgnoreCase),
            emrOnEks,
            file.Dataproc?.PerVcpuHour,
            databricks,
            reserved,
            [source])
        {
            OpenCost = openCost,
        };
    }

    internal static IDeserializer Deserializer() => new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    internal static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Embedded default '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static PriceBook LoadDefaultsCore()
    {
        var book = PriceBook.Empty;
        foreach (var name in Assembly.GetExecutingAssembly().GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal) && !n.EndsWith("node-shapes.yaml", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var file = name[ResourcePrefix.Length..];
            book = book.Merge(Parse(ReadResource(file), "config/pricing/" + file));
        }

        return book;
    }
}
