namespace SparkOptimizer.Analysis;

/// <summary>Changes as key/value pairs, for models that know no analysis (the container memory model's conf overlay).</summary>
public static class ConfigChangePairs
{
    public static IEnumerable<(string Key, string To)> Pairs(this IEnumerable<ConfigChange> changes) => changes.Select(c => (c.Key, c.To));
}
