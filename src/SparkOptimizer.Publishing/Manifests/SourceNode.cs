using YamlDotNet.Core;

namespace SparkOptimizer.Publishing.Manifests;

internal enum SourceNodeKind
{
    Scalar,
    Mapping,
    Sequence,
    Alias,
}

/// <summary>A parsed YAML node that remembers where its text is (character offsets in the source), so edits touch only it.</summary>
internal sealed class SourceNode
{
    public required SourceNodeKind Kind { get; init; }

    /// <summary>Offset of the node's first character (for a flow collection: the bracket).</summary>
    public required int Start { get; init; }

    /// <summary>Offset after the node's last character (for a flow collection: the closing bracket's offset, see <see cref="CloseIndex"/>).</summary>
    public int End { get; set; }

    /// <summary>1-based column of <see cref="Start"/>.</summary>
    public required int Column { get; init; }

    public string Value { get; init; } = string.Empty;

    public ScalarStyle ScalarStyle { get; init; }

    public bool IsFlow { get; init; }

    /// <summary>For a flow collection: offset of the closing bracket.</summary>
    public int CloseIndex { get; set; }

    public string? Tag { get; init; }

    public string? Anchor { get; init; }

    /// <summary>For an alias: the anchor it refers to.</summary>
    public string? AliasOf { get; init; }

    public List<KeyValuePair<SourceNode, SourceNode>> Entries { get; } = [];

    public List<SourceNode> Items { get; } = [];

    public SourceNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
        {
            if (k.Kind == SourceNodeKind.Scalar && string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                return v;
            }
        }

        return null;
    }

    public string? ScalarAt(params string[] path)
    {
        var node = this;
        foreach (var key in path)
        {
            node = node.Kind == SourceNodeKind.Mapping ? node.Get(key) : null;
            if (node is null)
            {
                return null;
            }
        }

        return node.Kind == SourceNodeKind.Scalar ? node.Value : null;
    }

    /// <summary>The furthest offset reached by real content (scalars, flow brackets) inside this node.</summary>
    public int ContentEnd()
    {
        return Kind switch
        {
            SourceNodeKind.Scalar or SourceNodeKind.Alias => End,
            _ when IsFlow => End,
            SourceNodeKind.Mapping => Entries.Count == 0 ? End : EntryEnd(Entries[^1]),
            _ => Items.Count == 0 ? End : Items[^1].ContentEnd(),
        };
    }

    // An empty value ("key:") is marked where the next token starts, possibly lines later: the key's end is the real end.
    internal static int EntryEnd(KeyValuePair<SourceNode, SourceNode> entry) =>
        entry.Value is { Kind: SourceNodeKind.Scalar, Value: "", ScalarStyle: ScalarStyle.Plain } ? entry.Key.End : Math.Max(entry.Key.ContentEnd(), entry.Value.ContentEnd());

    public bool IsEmptyPlain => Kind == SourceNodeKind.Scalar && Value.Length == 0 && ScalarStyle == ScalarStyle.Plain && Tag is null;
}
