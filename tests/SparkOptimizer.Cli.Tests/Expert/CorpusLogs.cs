namespace SparkOptimizer.Tests.Expert;

/// <summary>
/// The logs of the corpus as check.py's corpus() walks them: a rolled folder (eventlog_v2_*, or one holding eventlog-*
/// parts) is one log; every other file but *.md is one. Paths are relative, with '/', in ordinal order.
/// </summary>
internal static class CorpusLogs
{
    public static IReadOnlyList<string> All(string root)
    {
        var logs = new List<string>();
        Walk(root, root, logs);
        return logs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static void Walk(string root, string folder, List<string> logs)
    {
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var rolled = Path.GetFileName(sub).StartsWith("eventlog_v2_", StringComparison.Ordinal)
                || Directory.EnumerateFileSystemEntries(sub).Any(e => Path.GetFileName(e).StartsWith("eventlog-", StringComparison.Ordinal));
            if (rolled)
            {
                logs.Add(Relative(root, sub));
            }
            else
            {
                Walk(root, sub, logs);
            }
        }

        logs.AddRange(Directory.EnumerateFiles(folder).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Select(f => Relative(root, f)));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
