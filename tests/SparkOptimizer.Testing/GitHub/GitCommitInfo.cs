namespace SparkOptimizer.Testing.GitHub;

/// <summary>A commit read back from the bare repository.</summary>
public sealed record GitCommitInfo(string Sha, string Tree, IReadOnlyList<string> Parents, GitSignature Author, GitSignature Committer, string Message);
