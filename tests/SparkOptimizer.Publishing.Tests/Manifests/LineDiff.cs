namespace SparkOptimizer.Tests.Manifests;

/// <summary>A line diff (LCS) between two texts, kept small: manifests have a few hundred lines at most.</summary>
internal sealed record LineDiff(IReadOnlyList<(string Old, string New)> Modified, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public static LineDiff Compute(string before, string after)
    {
        var a = SplitKeepingEndings(before);
        var b = SplitKeepingEndings(after);
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var modified = new List<(string, string)>();
        var added = new List<string>();
        var removed = new List<string>();
        var hunkRemoved = new List<string>();
        var hunkAdded = new List<string>();
        void Flush()
        {
            var pairs = Math.Min(hunkRemoved.Count, hunkAdded.Count);
            for (var k = 0; k < pairs; k++)
            {
                modified.Add((hunkRemoved[k], hunkAdded[k]));
            }

            removed.AddRange(hunkRemoved.Skip(pairs));
            added.AddRange(hunkAdded.Skip(pairs));
            hunkRemoved.Clear();
            hunkAdded.Clear();
        }

        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y])
            {
                Flush();
                x++;
                y++;
            }
            else if (y < b.Count && (x == a.Count || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                hunkAdded.Add(b[y++]);
            }
            else
            {
                hunkRemoved.Add(a[x++]);
            }
        }

        Flush();
        return new LineDiff(modified, added, removed);
    }

    /// <summary>Lines with their endings, so a CRLF changed to LF counts as a difference.</summary>
    public static List<string> SplitKeepingEndings(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>The part of a modified line that changed, after removing the common prefix and suffix.</summary>
    public static (string Old, string New) Middle(string oldLine, string newLine)
    {
        var p = 0;
        while (p < oldLine.Length && p < newLine.Length && oldLine[p] == newLine[p])
        {
            p++;
        }

        var s = 0;
        while (s < oldLine.Length - p && s < newLine.Length - p && oldLine[oldLine.Length - 1 - s] == newLine[newLine.Length - 1 - s])
        {
            s++;
        }

        return (oldLine[p..^s], newLine[p..^s]);
    }
}
