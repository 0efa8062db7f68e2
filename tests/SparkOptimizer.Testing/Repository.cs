namespace SparkOptimizer.Testing;

/// <summary>
/// The repository a test was built from: the folder holding SparkOptimizer.sln, found by walking up from the test's
/// output folder. Test data lives under it (tests/corpus, tests/fixtures), so no test reads outside the repository.
/// </summary>
public static class Repository
{
    private const string SolutionFile = "SparkOptimizer.sln";

    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>Absolute path of the repository's root folder.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>Absolute path of a folder inside the repository; throws, naming <paramref name="what"/>, when it is missing.</summary>
    public static string Folder(string relative, string what)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!Directory.Exists(full))
        {
            throw new InvalidOperationException(
                $"{what} was not found: expected the folder '{relative}' in the repository at {Root}. " +
                "It is committed with the code; a partial or sparse checkout leaves it out, and these tests cannot run without it.");
        }

        return full;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"The repository was not found: no {SolutionFile} in {AppContext.BaseDirectory} or any folder above it. " +
            "Run the tests from a build inside the repository.");
    }
}
