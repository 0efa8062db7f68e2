namespace SparkOptimizer.Dashboard.Endpoints;

/// <summary>
/// An app key or run id as a route gives it. Kestrel decodes a path but leaves "%2F" encoded (it would split the segment), so
/// a key holding '/' (the operator's "namespace/cohort") arrives with "%2F" in it; decoding that alone is exact.
/// </summary>
public static class RouteKey
{
    public static string Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
