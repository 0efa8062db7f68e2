namespace SparkOptimizer.Publishing.Manifests;

/// <summary>
/// What a YAML node means, with layout forgotten: scalars as (resolved tag, value), mappings as ordered entries,
/// aliases expanded. Two files mean the same thing when their canonical trees are equal.
/// </summary>
internal sealed class CanonicalNode
{
    public SourceNodeKind Kind { get; private init; }

    public string Tag { get; private init; } = string.Empty;

    public string Value { get; private init; } = string.Empty;

    public List<KeyValuePair<CanonicalNode, CanonicalNode>> Entries { get; } = [];

    public List<CanonicalNode> Items { get; } = [];

    public static CanonicalNode Scalar(string tag, string value) => new() { Kind = SourceNodeKind.Scalar, Tag = tag, Value = value };

    public static CanonicalNode Mapping() => new() { Kind = SourceNodeKind.Mapping };

    public static CanonicalNode From(SourceDocument document, YamlLimits limits)
    {
        var budget = limits.MaxNodes;
        return document.Root is null ? Scalar(YamlScalars.NullTag, string.Empty) : Convert(document.Root, document, limits, 0, ref budget);
    }

    private static CanonicalNode Convert(SourceNode node, SourceDocument document, YamlLimits limits, int depth, ref int budget)
    {
        if (--budget < 0)
        {
            throw new YamlLimitException($"YAML aliases expand to more than {limits.MaxNodes} nodes (alias bomb?).");
        }

        if (depth > limits.MaxDepth)
        {
            throw new YamlLimitException($"YAML aliases nest deeper than {limits.MaxDepth} levels.");
        }

        switch (node.Kind)
        {
            case SourceNodeKind.Alias:
                return Convert(document.Anchors[node.AliasOf!], document, limits, depth + 1, ref budget);
            case SourceNodeKind.Scalar:
                return Scalar(YamlScalars.Resolve(node), node.Value);
            case SourceNodeKind.Mapping:
                {
                    var result = new CanonicalNode { Kind = SourceNodeKind.Mapping, Tag = node.Tag ?? string.Empty };
                    foreach (var (k, v) in node.Entries)
                    {
                        result.Entries.Add(new(Convert(k, document, limits, depth + 1, ref budget), Convert(v, document, limits, depth + 1, ref budget)));
                    }

                    return result;
                }

            default:
                {
                    var result = new CanonicalNode { Kind = SourceNodeKind.Sequence, Tag = node.Tag ?? string.Empty };
                    foreach (var item in node.Items)
                    {
                        result.Items.Add(Convert(item, document, limits, depth + 1, ref budget));
                    }

                    return result;
                }
        }
    }

    /// <summary>Sets the scalar at <paramref name="path"/> (mapping keys or sequence indexes), creating mappings as the editor does.</summary>
    public void Set(IReadOnlyList<object> path, CanonicalNode value)
    {
        var node = this;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            if (path[i] is int index)
            {
                if (last)
                {
                    node.Items[index] = value;
                }
                else
                {
                    node = node.Items[index];
                }

                continue;
            }

            var key = (string)path[i];
            var entry = node.Entries.FindIndex(e => e.Key.Kind == SourceNodeKind.Scalar && e.Key.Value == key);
            if (entry < 0)
            {
                var child = last ? value : Mapping();
                node.Entries.Add(new(Scalar(YamlScalars.StrTag, key), child));
                node = child;
            }
            else if (last)
            {
                node.Entries[entry] = new(node.Entries[entry].Key, value);
            }
            else
            {
                node = node.Entries[entry].Value;
            }
        }
    }

    /// <summary>Removes the entry at <paramref name="path"/> (mapping keys only).</summary>
    public void Remove(IReadOnlyList<object> path)
    {
        var node = this;
        for (var i = 0; i < path.Count; i++)
        {
            var key = (string)path[i];
            var entry = node.Entries.FindIndex(e => e.Key.Kind == SourceNodeKind.Scalar && e.Key.Value == key);
            if (i == path.Count - 1)
            {
                node.Entries.RemoveAt(entry);
                return;
            }

            node = node.Entries[entry].Value;
        }
    }

    /// <summary>Returns null when equal, else a description of the first difference.</summary>
    public static string? Difference(CanonicalNode expected, CanonicalNode actual, string at)
    {
        if (expected.Kind != actual.Kind)
        {
            return $"{at}: expected a {expected.Kind}, found a {actual.Kind}";
        }

        switch (expected.Kind)
        {
            case SourceNodeKind.Scalar:
                return expected.Tag == actual.Tag && expected.Value == actual.Value
                    ? null
                    : $"{at}: expected {expected.Tag} '{expected.Value}', found {actual.Tag} '{actual.Value}'";
            case SourceNodeKind.Mapping:
                if (expected.Entries.Count != actual.Entries.Count)
                {
                    return $"{at}: expected {expected.Entries.Count} keys, found {actual.Entries.Count}";
                }

                for (var i = 0; i < expected.Entries.Count; i++)
                {
                    var name = expected.Entries[i].Key.Value;
                    var diff = Difference(expected.Entries[i].Key, actual.Entries[i].Key, $"{at}.{name}(key)")
                        ?? Difference(expected.Entries[i].Value, actual.Entries[i].Value, $"{at}.{name}");
                    if (diff is not null)
                    {
                        return diff;
                    }
                }

                return null;
            default:
                if (expected.Items.Count != actual.Items.Count)
                {
                    return $"{at}: expected {expected.Items.Count} items, found {actual.Items.Count}";
                }

                for (var i = 0; i < expected.Items.Count; i++)
                {
                    var diff = Difference(expected.Items[i], actual.Items[i], $"{at}[{i}]");
                    if (diff is not null)
                    {
                        return diff;
                    }
                }

                return null;
        }
    }
}
