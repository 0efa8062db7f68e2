namespace SparkOptimizer.Tests.Simulation;

/// <summary>Rewrites one "## " section of docs/benchmarks.md in the repository, leaving the others alone.</summary>
internal static class BenchmarksDocument
{
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparkOptimizer.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static void WriteSection(string title, string body)
    {
        var root = RepositoryRoot();
        if (root is null)
        {
            return;
        }

        var path = Path.Combine(root, "docs", "benchmarks.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var heading = "## " + title;
        var section = heading + "\n\n" + body.TrimEnd() + "\n";
        var at = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (at < 0)
        {
            text = text.TrimEnd() + "\n\n" + section;
        }
        else
        {
            var next = text.IndexOf("\n## ", at + heading.Length, StringComparison.Ordinal);
            text = text[..at] + section + (next < 0 ? string.Empty : text[next..]);
        }

        File.WriteAllText(path, text);
    }
}
