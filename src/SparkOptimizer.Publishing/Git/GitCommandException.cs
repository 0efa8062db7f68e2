namespace SparkOptimizer.Publishing.Git;

/// <summary>A git command failed; the message never contains the remote URL.</summary>
public sealed class GitCommandException(string message) : Exception(message);
