namespace SparkOptimizer.Operator.Watching;

/// <summary>Which watched kinds the API server does not serve; says yes to reporting each change only once.</summary>
public sealed class CrdReport
{
    private readonly HashSet<string> missing = [];

    public IReadOnlyList<string> Missing()
    {
        lock (missing)
        {
            return missing.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Records a kind as missing; true the first time (log it then).</summary>
    public bool Missing(string resource)
    {
        lock (missing)
        {
            return missing.Add(resource);
        }
    }

    /// <summary>Records a kind as served again; true if it had been missing.</summary>
    public bool Served(string resource)
    {
        lock (missing)
        {
            return missing.Remove(resource);
        }
    }
}
