namespace SparkOptimizer.Publishing.Manifests;

/// <summary>
/// Takes a key out of a manifest (to revert a key we added): its line(s) go, nothing else. A block mapping left empty
/// goes with it (an empty block mapping cannot be written), but never the spec itself; a flow mapping keeps its braces.
/// </summary>
internal static class ManifestRemoval
{
    /// <returns>The new text, the removed value, and the path actually removed (a parent when it was pruned); null when the key is absent.</returns>
    public static (string Text, string Old, IReadOnlyList<object> RemovedPath)? Remove(string text, SourceNode root, FieldTarget target, int specDepth)
    {
        var chain = new List<(SourceNode Mapping, int Index)>();
        var node = root;
        foreach (var segment in target.Path)
        {
            if (segment is not string key || node.Kind != SourceNodeKind.Mapping)
            {
                return null;
            }

            var matches = node.Entries.Select((e, i) => (e, i)).Where(x => x.e.Key.Kind == SourceNodeKind.Scalar && x.e.Key.Value == key).ToList();
            if (matches.Count > 1)
            {
                throw new ManifestEditException($"Cannot remove {target.Display}: '{key}' appears twice in the same mapping.");
            }

            if (matches.Count == 0)
            {
                return null;
            }

            chain.Add((node, matches[0].i));
            node = matches[0].e.Value;
        }

        if (node.Kind != SourceNodeKind.Scalar)
        {
            throw new ManifestEditException($"Cannot remove {target.Display}: it is not a single value.");
        }

        var level = chain.Count - 1;
        while (level > specDepth && chain[level].Mapping.Entries.Count == 1 && !chain[level].Mapping.IsFlow)
        {
            level--;
        }

        var (mapping, index) = chain[level];
        return (DeleteEntry(text, mapping, index, target), node.Value, target.Path.Take(level + 1).ToList());
    }

    private static string DeleteEntry(string text, SourceNode mapping, int index, FieldTarget target)
    {
        var entry = mapping.Entries[index];
        var entryEnd = SourceNode.EntryEnd(entry);
        if (mapping.IsFlow)
        {
            var (from, to) = mapping.Entries.Count == 1 ? (entry.Key.Start, entryEnd)
                : index < mapping.Entries.Count - 1 ? (entry.Key.Start, mapping.Entries[index + 1].Key.Start)
                : (SourceNode.EntryEnd(mapping.Entries[index - 1]), entryEnd);
            return text.Remove(from, to - from);
        }

        var lineStart = entry.Key.Start == 0 ? 0 : text.LastIndexOf('\n', entry.Key.Start - 1) + 1;
        if (text.AsSpan(lineStart, entry.Key.Start - lineStart).Trim(' ').Length > 0)
        {
            throw new ManifestEditException($"Cannot remove {target.Display}: its key does not start its own line.");
        }

        var nl = entryEnd > 0 && text[entryEnd - 1] == '\n' ? entryEnd - 1 : text.IndexOf('\n', entryEnd);
        var lineEnd = nl < 0 ? text.Length : nl + 1;
        if (nl < 0 && lineStart > 0)
        {
            // The last line of a file without a final line break: take the break before it instead.
            lineStart -= lineStart >= 2 && text[lineStart - 2] == '\r' ? 2 : 1;
        }

        return text.Remove(lineStart, lineEnd - lineStart);
    }
}
