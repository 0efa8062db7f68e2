namespace SparkOptimizer.Testing.GitHub;

/// <summary>An issue (not a pull request) as the fake server keeps it; issues and pull requests share numbers, as on GitHub.</summary>
public sealed class FakeIssue
{
    public required int Number { get; init; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public string State { get; set; } = "open";

    public List<string> Labels { get; } = [];

    /// <summary>How many times the issue was edited after creation.</summary>
    public int Edits { get; set; }
}
