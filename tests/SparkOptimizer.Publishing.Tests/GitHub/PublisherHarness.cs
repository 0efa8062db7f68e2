using System.Collections.Concurrent;
using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.GitHub;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.GitHub;
using SparkOptimizer.Tests.Manifests;

namespace SparkOptimizer.Tests.GitHub;

/// <summary>A fake GitHub server with one GitOps repository seeded with a real example manifest, and publishers pointed at it.</summary>
internal sealed class PublisherHarness : IAsyncDisposable
{
    public const string Owner = "platform";
    public const string RepoName = "gitops";
    public const string ManifestPath = "apps/spark/spark-pi.yaml";

    private PublisherHarness(FakeGitHubServer server, FakeRepository repo, string manifest)
    {
        (Server, Repo, OriginalManifest) = (server, repo, manifest);
    }

    public FakeGitHubServer Server { get; }

    public FakeRepository Repo { get; }

    public string OriginalManifest { get; }

    /// <summary>Every wait the retry policy asked for; the waits themselves take no time.</summary>
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public TempDir Work { get; } = new();

    public static AppIdentity App { get; } = new("SparkApplication", "sparkoperator.k8s.io/v1beta2", "default", "spark-pi");

    public static async Task<PublisherHarness> StartAsync(IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(ExampleManifests.KubeflowFolder, "spark-pi.yaml"));
        var server = await FakeGitHubServer.StartAsync();
        var files = new Dictionary<string, string>(extraFiles ?? new Dictionary<string, string>()) { [ManifestPath] = manifest, ["README.md"] = "# GitOps\n" };
        var repo = await server.CreateRepositoryAsync(Owner, RepoName, files);
        return new PublisherHarness(server, repo, manifest);
    }

    /// <summary>A new publisher each time: what a restarted operator would build from its configuration.</summary>
    public GitHubPullRequestPublisher NewPublisher(string? token = null) => new(
        new GitHubPublisherOptions { BaseUrl = Server.BaseUri, Token = token ?? Server.Token!, Owner = Owner, Repository = RepoName },
        delay: (wait, _) =>
        {
            Delays.Enqueue(wait);
            return Task.CompletedTask;
        });

    public static ManifestChangeSet ChangeSet(params ValueChange[] changes) =>
        new(App, null, changes, "## Spark optimization report\n\nExecutor memory 95% used; GC 15% of runtime.");

    public static ManifestChangeSet MemoryTo(string value) => ChangeSet(
        new ValueChange("spark.executor.memory", "512m", value, "GC time 15% of runtime"),
        new ValueChange("spark.sql.shuffle.partitions", null, "400", "spill in stage 5"));

    /// <summary>Clones the bare repository with the git CLI and returns the file as it is on <paramref name="branch"/>.</summary>
    public async Task<string> CloneAndReadAsync(string branch, string path = ManifestPath)
    {
        var dir = Path.Combine(Work.Path, "clone-" + Guid.NewGuid().ToString("N")[..8]);
        await GitRunner.RunAsync(Work.Path, "clone", "--quiet", "--branch", branch, Repo.CloneUrl, dir);
        return await File.ReadAllTextAsync(Path.Combine(dir, path));
    }

    /// <summary>The unified diff (no context) between two branches, as git itself reports it, from a fresh clone.</summary>
    public async Task<string> CloneAndDiffAsync(string from, string to)
    {
        var dir = Path.Combine(Work.Path, "diff-" + Guid.NewGuid().ToString("N")[..8]);
        await GitRunner.RunAsync(Work.Path, "clone", "--quiet", "--no-single-branch", Repo.CloneUrl, dir);
        return await GitRunner.RunAsync(dir, "diff", "-U0", $"origin/{from}", $"origin/{to}");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Work.Dispose();
    }
}
