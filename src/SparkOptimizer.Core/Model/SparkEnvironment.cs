namespace SparkOptimizer.Model;

/// <summary>Spark and JVM settings of the run. Values are already redacted: secrets never enter the model.</summary>
public sealed record SparkEnvironment(
    IReadOnlyDictionary<string, string> SparkProperties,
    IReadOnlyDictionary<string, string> HadoopProperties,
    IReadOnlyDictionary<string, string> SystemProperties,
    string? JavaVersion,
    string? ScalaVersion,
    IReadOnlyList<string> RedactedKeys)
{
    public static SparkEnvironment Empty { get; } = new(
        new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>(), null, null, []);

    public string? Get(string key) => SparkProperties.TryGetValue(key, out var v) ? v : null;

    public long? GetBytes(string key) => Get(key) is { } v ? ByteSize.TryParse(v, out var b) ? b.Bytes : null : null;

    public int? GetInt(string key) => Get(key) is { } v && int.TryParse(v.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;

    public bool? GetBool(string key) => Get(key) is { } v && bool.TryParse(v.Trim(), out var b) ? b : null;
}
