using SparkOptimizer.Publishing.Manifests;
using YamlDotNet.RepresentationModel;

namespace SparkOptimizer.Tests.Manifests;

internal static class ManifestAssertions
{
    /// <summary>
    /// Asserts that <paramref name="after"/> equals <paramref name="before"/> byte for byte except for the changed values:
    /// each modified line differs only inside the old value's text, each added line carries one new key, nothing is removed.
    /// </summary>
    public static LineDiff ShouldDifferOnlyIn(string before, string after, ManifestEditResult result, int? modifiedLines = null)
    {
        var diff = LineDiff.Compute(before, after);
        diff.Removed.Should().BeEmpty("the editor never deletes a line");
        var replaced = result.Edits.Where(e => e.From is not null).ToList();
        var inserted = result.Edits.Where(e => e.From is null).ToList();
        var modified = diff.Modified.Where(m => !(m.New.StartsWith(m.Old, StringComparison.Ordinal) && m.New[m.Old.Length..] is "\n" or "\r\n")).ToList();
        modified.Should().HaveCount(modifiedLines ?? replaced.Count, "one line changes per replaced value:\n" + string.Join("\n", diff.Modified));
        foreach (var (oldLine, newLine) in modified)
        {
            var oldEnding = oldLine[oldLine.TrimEnd('\r', '\n').Length..];
            var newEnding = newLine[newLine.TrimEnd('\r', '\n').Length..];
            if (oldEnding.Length > 0)
            {
                newEnding.Should().Be(oldEnding, "line endings never change");
            }

            if (modifiedLines is not null)
            {
                continue;
            }

            var (oldMiddle, newMiddle) = LineDiff.Middle(oldLine.TrimEnd('\r', '\n'), newLine.TrimEnd('\r', '\n'));
            replaced.Should().Contain(
                e => e.From!.Contains(oldMiddle.Trim('"', '\''), StringComparison.Ordinal) && e.To.Contains(newMiddle.Trim('"', '\''), StringComparison.Ordinal),
                $"the change '{oldMiddle}' -> '{newMiddle}' in line '{oldLine.TrimEnd()}' must be a recommended value");
        }

        foreach (var edit in modifiedLines is null ? inserted : [])
        {
            var leaf = edit.Field.Split('.', '[').Last().Trim('"', ']', '"');
            diff.Added.Should().Contain(l => l.Contains(leaf, StringComparison.Ordinal) && l.Contains(edit.To, StringComparison.Ordinal), $"{edit.Field} is added as a line");
        }

        var eol = before.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lastLine = before.EndsWith('\n') ? null : LineDiff.SplitKeepingEndings(after)[^1];
        diff.Added.Where(l => l != lastLine).Where(l => !l.EndsWith(eol, StringComparison.Ordinal) || (eol == "\n" && l.EndsWith("\r\n", StringComparison.Ordinal))).Should().BeEmpty("added lines use the file's line ending");
        return diff;
    }

    /// <summary>Reads a scalar from the edited file with YamlDotNet's own model: an independent check of what was written.</summary>
    public static string? ScalarAt(string text, int document, params object[] path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        YamlNode node = stream.Documents[document].RootNode;
        foreach (var segment in path)
        {
            switch (segment)
            {
                case int i when node is YamlSequenceNode seq:
                    node = seq.Children[i];
                    break;
                case string key when node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child):
                    node = child;
                    break;
                default:
                    return null;
            }
        }

        return (node as YamlScalarNode)?.Value;
    }
}
