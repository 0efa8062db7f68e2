using SparkOptimizer.Publishing.Manifests;
using YamlDotNet.RepresentationModel;

namespace SparkOptimizer.Tests.Manifests;

internal static class ManifestAssertions
{
    /// <summary>
    /// Asserts that <paramref name="after"/> equals <paramref name="before"/> byte for byte except for the changed values:
    /// each modified line differs only inside the old value's text, each added line carries one new key, nothing is removed.
    /// </summary>
    public static LineDiff ShouldDifferOnlyIn(string before, string after, ManifestEditResult result)
    {
        var diff = LineDiff.Compute(before, after);
        diff.Removed.Should().BeEmpty("the editor never deletes a line");
        var replaced = result.Edits.Where(e => e.From is not null).ToList();
        var inserted = result.Edits.Where(e => e.From is null).ToList();
        diff.Modified.Should().HaveCount(replaced.Count, "one line changes per replaced value:\n" + string.Join("\n", diff.Modified));
        foreach (var (oldLine, newLine) in diff.Modified)
        {
            var (oldMiddle, newMiddle) = LineDiff.Middle(oldLine, newLine);
            replaced.Should().Contain(
                e => e.From!.Contains(oldMiddle.Trim('"', '\''), StringComparison.Ordinal) && e.To.Contains(newMiddle.Trim('"', '\''), StringComparison.Ordinal),
                $"the change '{oldMiddle}' -> '{newMiddle}' in line '{oldLine.TrimEnd()}' must be a recommended value");
        }

        foreach (var edit in inserted)
        {
            var leaf = edit.Field.Split('.', '[').Last().Trim('"', ']', '"');
            diff.Added.Should().Contain(l => l.Contains(leaf, StringComparison.Ordinal) && l.Contains(edit.To, StringComparison.Ordinal), $"{edit.Field} is added as a line");
        }

        var eol = before.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        diff.Added.Where(l => !l.EndsWith(eol, StringComparison.Ordinal) || (eol == "\n" && l.EndsWith("\r\n", StringComparison.Ordinal))).Should().BeEmpty("added lines use the file's line ending");
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
