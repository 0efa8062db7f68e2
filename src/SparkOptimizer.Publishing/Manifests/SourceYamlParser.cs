using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SparkOptimizer.Publishing.Manifests;

/// <summary>
/// Parses YAML into <see cref="SourceNode"/> trees with character offsets, within <see cref="YamlLimits"/>.
/// Aliases are kept as references (never expanded here), so an alias bomb costs nothing until it is compared,
/// and the comparison counts every expanded node against the limit.
/// </summary>
internal static class SourceYamlParser
{
    public static IReadOnlyList<SourceDocument> Parse(string text, YamlLimits limits)
    {
        if (text.Length > limits.MaxChars)
        {
            throw new YamlLimitException($"YAML input of {text.Length} characters exceeds the limit of {limits.MaxChars}.");
        }

        var parser = new Parser(new StringReader(text));
        var documents = new List<SourceDocument>();
        var nodes = 0;
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var anchors = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
                SourceNode? root = null;
                if (!parser.Accept<DocumentEnd>(out _))
                {
                    root = ReadNode(parser, anchors, limits, 0, ref nodes);
                }

                parser.Consume<DocumentEnd>();
                documents.Add(new SourceDocument(documents.Count, root, anchors));
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            throw new ManifestEditException($"The manifest is not valid YAML: {ex.Message} (line {ex.Start.Line}, column {ex.Start.Column}).");
        }

        return documents;
    }

    private static SourceNode ReadNode(IParser parser, Dictionary<string, SourceNode> anchors, YamlLimits limits, int depth, ref int nodes)
    {
        if (++nodes > limits.MaxNodes)
        {
            throw new YamlLimitException($"YAML input has more than {limits.MaxNodes} nodes.");
        }

        if (depth > limits.MaxDepth)
        {
            throw new YamlLimitException($"YAML input nests deeper than {limits.MaxDepth} levels.");
        }

        var current = parser.Current ?? throw new ManifestEditException("Unexpected end of YAML.");
        parser.MoveNext();
        switch (current)
        {
            case Scalar s:
                return Register(anchors, new SourceNode
                {
                    Kind = SourceNodeKind.Scalar,
                    Start = (int)s.Start.Index,
                    End = (int)s.End.Index,
                    Column = (int)s.Start.Column,
                    Value = s.Value,
                    ScalarStyle = s.Style,
                    Tag = s.Tag.IsEmpty ? null : s.Tag.Value,
                    Anchor = s.Anchor.IsEmpty ? null : s.Anchor.Value,
                });
            case AnchorAlias a:
                if (!anchors.ContainsKey(a.Value.Value))
                {
                    throw new ManifestEditException($"Alias *{a.Value.Value} refers to an unknown anchor.");
                }

                return new SourceNode
                {
                    Kind = SourceNodeKind.Alias,
                    Start = (int)a.Start.Index,
                    End = (int)a.End.Index,
                    Column = (int)a.Start.Column,
                    AliasOf = a.Value.Value,
                };
            case MappingStart m:
                {
                    var node = new SourceNode
                    {
                        Kind = SourceNodeKind.Mapping,
                        Start = (int)m.Start.Index,
                        Column = (int)m.Start.Column,
                        IsFlow = m.Style == MappingStyle.Flow,
                        Tag = m.Tag.IsEmpty ? null : m.Tag.Value,
                        Anchor = m.Anchor.IsEmpty ? null : m.Anchor.Value,
                    };
                    while (parser.Current is not MappingEnd)
                    {
                        var key = ReadNode(parser, anchors, limits, depth + 1, ref nodes);
                        var value = ReadNode(parser, anchors, limits, depth + 1, ref nodes);
                        node.Entries.Add(new(key, value));
                    }

                    var end = parser.Current;
                    node.CloseIndex = (int)end.Start.Index;
                    node.End = node.IsFlow ? node.CloseIndex + 1 : (int)end.End.Index;
                    parser.MoveNext();
                    return Register(anchors, node);
                }

            case SequenceStart q:
                {
                    var node = new SourceNode
                    {
                        Kind = SourceNodeKind.Sequence,
                        Start = (int)q.Start.Index,
                        Column = (int)q.Start.Column,
                        IsFlow = q.Style == SequenceStyle.Flow,
                        Tag = q.Tag.IsEmpty ? null : q.Tag.Value,
                        Anchor = q.Anchor.IsEmpty ? null : q.Anchor.Value,
                    };
                    while (parser.Current is not SequenceEnd)
                    {
                        node.Items.Add(ReadNode(parser, anchors, limits, depth + 1, ref nodes));
                    }

                    var end = parser.Current;
                    node.CloseIndex = (int)end.Start.Index;
                    node.End = node.IsFlow ? node.CloseIndex + 1 : (int)end.End.Index;
                    parser.MoveNext();
                    return Register(anchors, node);
                }

            default:
                throw new ManifestEditException($"Unexpected YAML event {current.GetType().Name} at line {current.Start.Line}.");
        }
    }

    private static SourceNode Register(Dictionary<string, SourceNode> anchors, SourceNode node)
    {
        if (node.Anchor is not null)
        {
            anchors[node.Anchor] = node;
        }

        return node;
    }
}
