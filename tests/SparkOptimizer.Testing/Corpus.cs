namespace SparkOptimizer.Testing;

/// <summary>
/// Locates the corpus of real Spark event logs kept in the repository (tests/corpus, a copy of the public corpus;
/// its SOURCES.md gives each log's origin). Tests that need it fail loudly when it is missing rather than silently passing.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> Root = new(() =>
        Repository.Folder(System.IO.Path.Combine("tests", "corpus"), "The event-log corpus (real Spark event logs)"));

    /// <summary>Absolute path of the corpus folder.</summary>
    public static string EventLogs => Root.Value;

    /// <summary>Absolute path of a file or folder inside the corpus; throws when it does not exist.</summary>
    public static string Path(string relative)
    {
        var full = System.IO.Path.Combine(EventLogs, relative);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new FileNotFoundException($"Corpus entry '{relative}' is missing from {EventLogs}.", full);
        }

        return full;
    }
}
