namespace SparkOptimizer.Testing.GitHub;

/// <summary>One request as the fake GitHub server received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, string Authorization);
