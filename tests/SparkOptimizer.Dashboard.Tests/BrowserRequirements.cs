namespace SparkOptimizer.Dashboard.Tests;

/// <summary>
/// What the browser tests need, found and never installed here: Debian's chromium and npm playwright-core in the
/// repository's .tools (scripts/install-test-deps.sh installs both). Missing pieces fail the test with that hint.
/// </summary>
internal static class BrowserRequirements
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static string NodeModules()
    {
        foreach (var candidate in new[] { Path.Combine(RepoRoot, ".tools", "node_modules"), Path.Combine(RepoRoot, "node_modules") })
        {
            if (Directory.Exists(Path.Combine(candidate, "playwright-core")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"playwright-core is not installed under {RepoRoot}/.tools/node_modules: run scripts/install-test-deps.sh.");
    }

    public static void RequireChromium()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run scripts/install-test-deps.sh (apt-get install chromium).");
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparkOptimizer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SparkOptimizer.sln not found above the test binaries.");
    }
}
