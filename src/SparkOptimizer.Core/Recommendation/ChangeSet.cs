using SparkOptimizer.Analysis;

namespace SparkOptimizer.Recommendation;

/// <summary>
/// Configuration changes keyed by conf key: never the same key twice with different values. Equal values merge their findings and reasons;
/// different values go to the higher priority (the finding's severity), ties to the larger number (more memory, more partitions is the safer side).
/// </summary>
public sealed class ChangeSet
{
    private readonly Dictionary<string, ConfigChange> _byKey = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<SupersededChange> _superseded = [];

    public IReadOnlyList<ConfigChange> Changes => _order.Select(k => _byKey[k]).ToArray();

    public IReadOnlyList<SupersededChange> Superseded => _superseded;

    public ConfigChange? this[string key] => _byKey.TryGetValue(key, out var c) ? c : null;

    public int Count => _order.Count;

    public void Add(ConfigChange change)
    {
        if (!_byKey.TryGetValue(change.Key, out var existing))
        {
            Set(change);
            return;
        }

        if (ConfValue.Same(existing.To, change.To))
        {
            _byKey[change.Key] = Merge(existing, change, existing.To);
            return;
        }

        var keepNew = change.Priority > existing.Priority
            || (change.Priority == existing.Priority && ConfValue.Number(change.To) is { } n && ConfValue.Number(existing.To) is { } e && n > e);
        var (kept, dropped) = keepNew ? (change, existing) : (existing, change);
        _superseded.Add(new SupersededChange(dropped, kept));
        _byKey[change.Key] = kept with { FindingIds = Union(kept.FindingIds, dropped.FindingIds) };
    }

    /// <summary>Puts a value in place whatever was there (the sizer and the validator have the last word on their keys).</summary>
    public void Set(ConfigChange change)
    {
        if (!_byKey.ContainsKey(change.Key))
        {
            _order.Add(change.Key);
        }

        _byKey[change.Key] = change;
    }

    public bool Remove(string key)
    {
        if (!_byKey.Remove(key))
        {
            return false;
        }

        _order.Remove(key);
        return true;
    }

    private static ConfigChange Merge(ConfigChange a, ConfigChange b, string to) => a with
    {
        To = to,
        Reason = a.Reason == b.Reason || a.Reason.Contains(b.Reason, StringComparison.Ordinal) ? a.Reason : $"{a.Reason}; {b.Reason}",
        FindingIds = Union(a.FindingIds, b.FindingIds),
        StageIds = a.StageIds.Concat(b.StageIds).Distinct().Order().ToArray(),
        Priority = a.Priority > b.Priority ? a.Priority : b.Priority,
    };

    private static string[] Union(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Concat(b).Distinct(StringComparer.Ordinal).ToArray();
}
