namespace SparkOptimizer.Testing;

/// <summary>
/// Locates the shared corpus of real Spark event logs (../shared/eventlogs beside the repository).
/// Tests that need it fail loudly when it is missing rather than silently passing.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Absolute path of the shared eventlogs folder.</summary>
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

    /// <summary>The shared folder (parent of eventlogs): k8s manifests, tools.</summary>
    public static string Shared => System.IO.Path.GetDirectoryName(EventLogs)!;

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SPARKOPT_SHARED");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            var candidate = System.IO.Path.Combine(fromEnv, "eventlogs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "eventlogs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The shared event-log corpus was not found: expected a 'shared/eventlogs' folder beside the repository " +
            "(or set SPARKOPT_SHARED). These tests read real Spark event logs and cannot run without them.");
    }
}
