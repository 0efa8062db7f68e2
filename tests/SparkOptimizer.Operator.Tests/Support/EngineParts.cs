using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Publishing.GitHub;
using SparkOptimizer.Testing.GitHub;

namespace SparkOptimizer.Tests.Support;

/// <summary>The engine's parts as the operator tests build them: logs confined to one root, pull requests to acme/gitops on our GitHub server.</summary>
internal static class EngineParts
{
    public static EventLogFinder Finder(string root) => new(SourceOptions.Default, null, new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, null, [root, PressuredTaxiRun.Root]));

    public static GitHubPullRequestPublisher Publisher(FakeGitHubServer github) => new(
        new GitHubPublisherOptions { BaseUrl = github.BaseUri, Token = "test-token", Owner = "acme", Repository = "gitops" }, TimeProvider.System, (_, _) => Task.CompletedTask);
}
