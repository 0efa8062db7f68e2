using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Testing.GitHub;

/// <summary>
/// A GitHub REST API of our own on 127.0.0.1 (Kestrel, port 0), speaking what Octokit sends to a GitHub Enterprise
/// host (every path under <c>/api/v3</c>). Repositories are real bare git repositories on disk, so a test can clone the
/// result and diff real files. Requests are handled one at a time; the server keeps a request log, sends GitHub's
/// rate-limit headers, and can be told to fail the next N requests with a 500 or a rate limit.
/// </summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    // GitHub omits absent fields (a tree entry has no "size"); Octokit cannot set a null into a value-type property.
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly WebApplication _app;
    private readonly TempDir _root = new();
    private readonly ConcurrentDictionary<string, FakeRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Queue<(FakeFault Fault, Func<string, string, bool>? When)> _faults = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private int _remaining = 5000;
    private long _nextId = 1000;

    private FakeGitHubServer(WebApplication app, string? token, TimeProvider time)
    {
        _app = app;
        Token = token;
        _time = time;
    }

    /// <summary>The base address to give Octokit (it appends <c>api/v3/</c>).</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The token requests must carry (<c>Authorization: Token ...</c>); null accepts anonymous requests.</summary>
    public string? Token { get; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public int FaultsServed { get; private set; }

    public static async Task<FakeGitHubServer> StartAsync(string? token = "test-token", TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeGitHubServer(app, token, time ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("no server");
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Creates a repository whose default branch holds <paramref name="files"/> in one commit.</summary>
    public async Task<FakeRepository> CreateRepositoryAsync(string owner, string name, IReadOnlyDictionary<string, string> files, string defaultBranch = "main")
    {
        var git = await BareRepository.InitAsync(Path.Combine(_root.Path, owner, name + ".git"), defaultBranch);
        var repo = new FakeRepository(Interlocked.Increment(ref _nextId), owner, name, defaultBranch, git);
        _repositories[$"{owner}/{name}"] = repo;
        await repo.PushCommitAsync(defaultBranch, files.ToDictionary(f => f.Key, f => (string?)f.Value), "Initial commit",
            new GitSignature("Repo Owner", "owner@example.com", _time.GetUtcNow()));
        return repo;
    }

    public FakeRepository Repository(string owner, string name) => _repositories[$"{owner}/{name}"];

    /// <summary>
    /// Fails the next <paramref name="count"/> requests (that match <paramref name="when"/>, given method and path) with
    /// <paramref name="fault"/>. Faults are served in the order injected; one with a condition waits at the head of the
    /// queue until a request matches it.
    /// </summary>
    public void InjectFaults(int count, FakeFault fault, Func<string, string, bool>? when = null)
    {
        lock (_faults)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue((fault, when));
            }
        }
    }

    public int PendingFaults
    {
        get
        {
            lock (_faults)
            {
                return _faults.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _gate.Dispose();
        _root.Dispose();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var raw = ctx.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? raw : raw[..q];
        var method = ctx.Request.Method;
        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(method, path, ctx.Request.QueryString.Value ?? string.Empty, body, ctx.Request.Headers.Authorization.ToString()));

        var reset = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        ctx.Response.Headers["X-RateLimit-Limit"] = "5000";
        ctx.Response.Headers["X-RateLimit-Remaining"] = Math.Max(0, Interlocked.Decrement(ref _remaining)).ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-GitHub-Media-Type"] = "github.v3";

        if (TakeFault(method, path) is { } fault)
        {
            FaultsServed++;
            await ServeFaultAsync(ctx, fault);
            return;
        }

        if (Token is not null && ctx.Request.Headers.Authorization.ToString() != $"Token {Token}")
        {
            await WriteAsync(ctx, 401, new { message = "Bad credentials", documentation_url = "https://docs.github.com/rest" });
            return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length < 5 || segments[0] != "api" || segments[1] != "v3" || segments[2] != "repos" || !_repositories.TryGetValue($"{segments[3]}/{segments[4]}", out var repo))
        {
            await WriteAsync(ctx, 404, NotFound);
            return;
        }

        await _gate.WaitAsync();
        try
        {
            var rest = segments[5..];
            var query = ctx.Request.Query;
            var (status, result) = (method, rest) switch
            {
                ("GET", []) => (200, RepositoryJson(repo)), // GET /repos/{owner}/{repo}: default_branch is what the publisher needs
                (_, ["git", "refs", ..]) => await RefsAsync(repo, method, rest[2..], body),
                ("POST", ["git", "blobs"]) => await CreateBlobAsync(repo, body),
                ("GET", ["git", "blobs", var sha]) => await GetBlobAsync(repo, sha),
                ("POST", ["git", "trees"]) => await CreateTreeAsync(repo, body),
                ("GET", ["git", "trees", var sha]) => await GetTreeAsync(repo, sha, query["recursive"].ToString() is "1" or "true"),
                ("POST", ["git", "commits"]) => await CreateCommitAsync(repo, body),
                ("GET", ["git", "commits", var sha]) => await GetCommitAsync(repo, sha),
                ("GET", ["contents", ..]) => await GetContentsAsync(repo, string.Join('/', rest[1..]), query["ref"].ToString()),
                ("GET", ["pulls"]) => await ListPullsAsync(repo, query["state"].ToString(), query["head"].ToString(), query["base"].ToString()),
                ("POST", ["pulls"]) => await CreatePullAsync(repo, body),
                ("GET", ["pulls", var n]) => await GetPullAsync(repo, n),
                ("PATCH", ["pulls", var n]) => await UpdatePullAsync(repo, n, body),
                ("PUT", ["pulls", var n, "merge"]) => await MergePullAsync(repo, n, body),
                ("GET", ["issues"]) => await ListIssuesAsync(repo, query["state"].ToString(), query["labels"].ToString()),
                ("POST", ["issues"]) => CreateIssue(repo, body),
                ("PATCH", ["issues", var n]) => UpdateIssue(repo, n, body),
                ("GET", ["issues", var n, "labels"]) => LabelsOf(repo, n),
                ("POST", ["issues", var n, "labels"]) => AddLabels(repo, n, body),
                _ => (404, NotFound),
            };
            await WriteAsync(ctx, status, result);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            // A malformed request is the client's fault: 400, never a 500 that a client would retry.
            await WriteAsync(ctx, 400, new { message = "Problems parsing JSON", detail = ex.Message });
        }
        finally
        {
            _gate.Release();
        }
    }

    private static object NotFound => new { message = "Not Found", documentation_url = "https://docs.github.com/rest" };

    private static object Validation(string message) => new { message = "Validation Failed", errors = new[] { new { resource = "PullRequest", code = "custom", message } }, documentation_url = "https://docs.github.com/rest" };

    private FakeFault? TakeFault(string method, string path)
    {
        lock (_faults)
        {
            if (_faults.Count == 0 || (_faults.Peek().When is { } when && !when(method, path)))
            {
                return null;
            }

            return _faults.Dequeue().Fault;
        }
    }

    // Shapes follow docs.github.com "Rate limits for the REST API": a secondary limit is a 403 (or 429) with Retry-After;
    // an exhausted primary quota is a 403 with x-ratelimit-remaining 0 and x-ratelimit-reset in epoch seconds.
    private async Task ServeFaultAsync(HttpContext ctx, FakeFault fault)
    {
        switch (fault.Kind)
        {
            case FakeFaultKind.ServerError:
                await WriteAsync(ctx, 500, new { message = "Server Error" });
                break;
            case FakeFaultKind.SecondaryRateLimit:
                ctx.Response.Headers["Retry-After"] = ((int)fault.Wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await WriteAsync(ctx, 403, new { message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits" });
                break;
            default:
                ctx.Response.Headers["X-RateLimit-Remaining"] = "0";
                ctx.Response.Headers["X-RateLimit-Reset"] = _time.GetUtcNow().Add(fault.Wait).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                await WriteAsync(ctx, 403, new { message = "API rate limit exceeded for user ID 1.", documentation_url = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" });
                break;
        }
    }

    private static async Task WriteAsync(HttpContext ctx, int status, object? result)
    {
        ctx.Response.StatusCode = status;
        if (status == 204 || result is null)
        {
            return;
        }

        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(result is JsonNode node ? node.ToJsonString() : JsonSerializer.Serialize(result, Json));
    }

    private static JsonNode ParseBody(string body) => JsonNode.Parse(body) ?? throw new InvalidOperationException("empty body");

    private string ApiUrl(FakeRepository repo, string rest) => $"{BaseUri}api/v3/repos/{repo.Owner}/{repo.Name}/{rest}";

    private object RepositoryJson(FakeRepository repo) => new
    {
        id = repo.Id,
        node_id = $"R_{repo.Id}",
        name = repo.Name,
        full_name = $"{repo.Owner}/{repo.Name}",
        owner = new { login = repo.Owner, id = 1, type = "User" },
        @private = false,
        html_url = $"{BaseUri}{repo.Owner}/{repo.Name}",
        url = $"{BaseUri}api/v3/repos/{repo.Owner}/{repo.Name}",
        clone_url = repo.CloneUrl,
        default_branch = repo.DefaultBranch,
    };
}
