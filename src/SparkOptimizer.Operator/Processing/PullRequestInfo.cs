namespace SparkOptimizer.Operator.Processing;

/// <summary>The pull request for the app after this run; <paramref name="Action"/> says what was done to it.</summary>
public sealed record PullRequestInfo(int Number, string Url, string State, string Branch, string Fingerprint, PullRequestAction Action);
