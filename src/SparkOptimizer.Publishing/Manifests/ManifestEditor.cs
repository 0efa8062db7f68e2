using System.Text;
using YamlDotNet.Core;

namespace SparkOptimizer.Publishing.Manifests;

/// <summary>
/// Edits a manifest the way a person would: only the text of the values that change, new keys written with the file's
/// own indentation and quoting, comments, order, blank lines and line endings kept. The result is re-parsed and compared
/// with the original as full trees; any difference other than the intended values makes the editor refuse (Renovate's rule).
/// </summary>
public sealed class ManifestEditor(YamlLimits? limits = null)
{
    private readonly YamlLimits _limits = limits ?? YamlLimits.Default;

    /// <param name="text">The whole file (it may hold several documents).</param>
    /// <param name="app">The document to edit, found by kind, API group, namespace and name.</param>
    /// <param name="changes">The values to write.</param>
    /// <param name="inheritedNamespace">A Kustomize <c>namespace:</c> that applies to this file, if any.</param>
    public ManifestEditResult Edit(string text, AppIdentity app, IReadOnlyList<ValueChange> changes, string? inheritedNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(changes);
        var original = SourceYamlParser.Parse(text, _limits);
        var docIndex = FindDocument(original, app, inheritedNamespace);
        var flavor = FieldMap.FlavorOf(original[docIndex].ApiVersion, original[docIndex].Kind);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

        var current = text;
        var edits = new List<AppliedEdit>();
        var expected = new List<(IReadOnlyList<object> Path, CanonicalNode? Value)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var root = SourceYamlParser.Parse(current, _limits)[docIndex].Root!;
            var target = FieldMap.Map(flavor, change.Key, root);
            if (!seen.Add(target.Display))
            {
                throw new ManifestEditException($"Two changes target the same field {target.Display}; the change set is ambiguous.");
            }

            if (change.IsRemoval)
            {
                var removal = ManifestRemoval.Remove(current, root, target, FieldMap.SpecPath(flavor).Length);
                if (removal is not null)
                {
                    current = removal.Value.Text;
                    edits.Add(new AppliedEdit(change.Key, target.Display, removal.Value.Old, string.Empty, change.Reason));
                    expected.Add((removal.Value.RemovedPath, null));
                }

                continue;
            }

            YamlScalars.Validate(change.Key, change.To, target.Type);
            var step = SetValue(current, docIndex, target, change.To, newline);
            if (step is null)
            {
                continue;
            }

            current = step.Value.Text;
            edits.Add(new AppliedEdit(change.Key, target.Display, step.Value.Old, change.To, change.Reason));
            expected.Add((target.Path, step.Value.Canonical));
        }

        var guards = PodMemoryGuard.TouchedRoles(edits).Select(role => (Role: role, Check: (Func<ManifestFlavor, SourceNode, string, PodLimitRaise?>)PodMemoryGuard.Check))
            .Concat(PodCpuGuard.TouchedRoles(edits).Select(role => (Role: role, Check: (Func<ManifestFlavor, SourceNode, string, PodLimitRaise?>)PodCpuGuard.Check)))
            .ToList();
        foreach (var (role, check) in guards)
        {
            var root = SourceYamlParser.Parse(current, _limits)[docIndex].Root!;
            if (check(flavor, root, role) is not { } raise)
            {
                continue;
            }

            var step = SetValue(current, docIndex, raise.Target, raise.NewLimit, newline);
            if (step is not null)
            {
                current = step.Value.Text;
                edits.Add(new AppliedEdit(raise.Key, raise.Target.Display, step.Value.Old, raise.NewLimit, raise.Reason));
                expected.Add((raise.Target.Path, step.Value.Canonical));
            }
        }

        Verify(text, current, docIndex, expected);
        return new ManifestEditResult(current, edits);
    }

    private static int FindDocument(IReadOnlyList<SourceDocument> documents, AppIdentity app, string? inheritedNamespace)
    {
        var matches = documents.Where(d => ManifestMatcher.Matches(d, app, inheritedNamespace)).Select(d => d.Index).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ManifestEditException($"No document for {app} in this file."),
            _ => throw new ManifestEditException($"{matches.Count} documents match {app}; refusing to guess."),
        };
    }

    private void Verify(string before, string after, int docIndex, List<(IReadOnlyList<object> Path, CanonicalNode? Value)> expected)
    {
        var oldDocs = SourceYamlParser.Parse(before, _limits);
        var newDocs = SourceYamlParser.Parse(after, _limits);
        if (oldDocs.Count != newDocs.Count)
        {
            throw new ManifestEditException($"Refusing the edit: the file had {oldDocs.Count} documents and would have {newDocs.Count}.");
        }

        for (var i = 0; i < oldDocs.Count; i++)
        {
            var want = CanonicalNode.From(oldDocs[i], _limits);
            if (i == docIndex)
            {
                foreach (var (path, value) in expected)
                {
                    if (value is null)
                    {
                        want.Remove(path);
                    }
                    else
                    {
                        want.Set(path, value);
                    }
                }
            }

            var diff = CanonicalNode.Difference(want, CanonicalNode.From(newDocs[i], _limits), $"document {i + 1}");
            if (diff is not null)
            {
                throw new ManifestEditException($"Refusing the edit: re-parsing the result shows an unintended change at {diff}.");
            }
        }
    }

    private (string Text, string? Old, CanonicalNode Canonical)? SetValue(string text, int docIndex, FieldTarget target, string value, string newline)
    {
        var node = SourceYamlParser.Parse(text, _limits)[docIndex].Root!;
        int? ownerKeyColumn = null;
        for (var i = 0; i < target.Path.Count; i++)
        {
            if (node.Kind == SourceNodeKind.Alias)
            {
                throw new ManifestEditException($"Cannot edit {target.Display}: it goes through an alias (*{node.AliasOf}); edit the anchor by hand.");
            }

            if (target.Path[i] is int index)
            {
                node = node.Kind == SourceNodeKind.Sequence && index < node.Items.Count
                    ? node.Items[index]
                    : throw new ManifestEditException($"Cannot edit {target.Display}: item {index} does not exist.");
                ownerKeyColumn = null;
                continue;
            }

            if (node.Kind != SourceNodeKind.Mapping)
            {
                throw new ManifestEditException($"Cannot edit {target.Display}: '{target.Path[i - 1]}' is not a mapping.");
            }

            var key = (string)target.Path[i];
            if (node.Entries.Count(e => e.Key.Kind == SourceNodeKind.Scalar && e.Key.Value == key) > 1)
            {
                throw new ManifestEditException($"Cannot edit {target.Display}: '{key}' appears twice in the same mapping, and tools disagree on which one counts.");
            }

            var entry = node.Entries.FirstOrDefault(e => e.Key.Kind == SourceNodeKind.Scalar && e.Key.Value == key);
            if (entry.Key is null)
            {
                return Insert(text, node, ownerKeyColumn, target.Path.Skip(i).Cast<string>().ToList(), value, target.Type, newline);
            }

            if (i == target.Path.Count - 1)
            {
                return Replace(text, entry.Value, value, target);
            }

            if (entry.Value.IsEmptyPlain)
            {
                throw new ManifestEditException($"Cannot edit {target.Display}: '{key}' is present but empty.");
            }

            ownerKeyColumn = entry.Key.Column;
            node = entry.Value;
        }

        throw new ManifestEditException($"Cannot edit {target.Display}: empty path.");
    }

    private static (string Text, string? Old, CanonicalNode Canonical)? Replace(string text, SourceNode scalar, string value, FieldTarget target)
    {
        if (scalar.Kind == SourceNodeKind.Alias)
        {
            throw new ManifestEditException($"Cannot edit {target.Display}: its value is an alias (*{scalar.AliasOf}); edit the anchor by hand.");
        }

        if (scalar.Kind != SourceNodeKind.Scalar || scalar.ScalarStyle is ScalarStyle.Literal or ScalarStyle.Folded || scalar.IsEmptyPlain)
        {
            throw new ManifestEditException($"Cannot edit {target.Display}: it is not a single-line value.");
        }

        if (scalar.Value == value)
        {
            return null;
        }

        var formatted = YamlScalars.Format(value, scalar.ScalarStyle, target.Type);
        var edited = string.Concat(text.AsSpan(0, scalar.Start), formatted, text.AsSpan(scalar.End));
        return (edited, scalar.Value, CanonicalOf(formatted, value));
    }

    private static (string Text, string? Old, CanonicalNode Canonical) Insert(
        string text, SourceNode mapping, int? ownerKeyColumn, List<string> keys, string value, FieldType type, string newline)
    {
        var valueStyle = SiblingStyle(mapping.Entries.Select(e => e.Value));
        var keyStyle = SiblingStyle(mapping.Entries.Select(e => e.Key));
        var formatted = YamlScalars.Format(value, type is FieldType.Integer or FieldType.Boolean ? ScalarStyle.Plain : valueStyle, type);
        string Key(int depth) => YamlScalars.Format(keys[depth], depth == 0 ? keyStyle : ScalarStyle.Plain, FieldType.String);

        string insertion;
        int at;
        if (mapping.IsFlow)
        {
            var nested = formatted;
            for (var j = keys.Count - 1; j >= 1; j--)
            {
                nested = "{" + Key(j) + ": " + nested + "}";
            }

            var entryText = Key(0) + ": " + nested;
            (at, insertion) = mapping.Entries.Count == 0
                ? (mapping.CloseIndex, entryText)
                : (SourceNode.EntryEnd(mapping.Entries[^1]), ", " + entryText);
        }
        else
        {
            var indent = mapping.Entries[0].Key.Column - 1;
            var step = ownerKeyColumn is { } c && indent - (c - 1) > 0 ? indent - (c - 1) : 2;
            var sb = new StringBuilder();
            for (var j = 0; j < keys.Count; j++)
            {
                sb.Append(' ', indent + (step * j)).Append(Key(j)).Append(':');
                if (j == keys.Count - 1)
                {
                    sb.Append(' ').Append(formatted);
                }

                sb.Append(newline);
            }

            var end = SourceNode.EntryEnd(mapping.Entries[^1]);
            var nl = end == 0 || text[end - 1] == '\n' ? end - 1 : text.IndexOf('\n', end);

            // A file without a final line break keeps that shape: the new lines go after a break, and none is added at the end.
            (at, insertion) = nl < 0
                ? (text.Length, newline + sb.ToString()[..^newline.Length])
                : (nl + 1, sb.ToString());
        }

        return (text.Insert(at, insertion), null, CanonicalOf(formatted, value));
    }

    private static ScalarStyle SiblingStyle(IEnumerable<SourceNode> siblings)
    {
        var scalars = siblings.Where(s => s.Kind == SourceNodeKind.Scalar).ToList();
        var doubled = scalars.Count(s => s.ScalarStyle == ScalarStyle.DoubleQuoted);
        var single = scalars.Count(s => s.ScalarStyle == ScalarStyle.SingleQuoted);
        return doubled * 2 > scalars.Count ? ScalarStyle.DoubleQuoted : single * 2 > scalars.Count ? ScalarStyle.SingleQuoted : ScalarStyle.Plain;
    }

    private static CanonicalNode CanonicalOf(string formatted, string value) =>
        CanonicalNode.Scalar(formatted.StartsWith('"') || formatted.StartsWith('\'') ? YamlScalars.StrTag : YamlScalars.ResolvePlain(value), value);
}
