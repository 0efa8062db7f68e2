using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.FakeApi;

/// <summary>The fake API server behaves as the documented API does, seen through the real KubernetesClient.</summary>
public sealed class FakeKubeApiServerTests : IAsyncLifetime
{
    private const string Group = V1Beta2SparkApplication.Group;
    private const string Version = V1Beta2SparkApplication.Version;
    private const string Plural = V1Beta2SparkApplication.Plural;
    private OperatorHarness harness = null!;
    private IKubernetes client = null!;

    public async Task InitializeAsync()
    {
        harness = await OperatorHarness.StartAsync();
        client = harness.NewClient();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Create_Twice_SecondIsAlreadyExists()
    {
        await CreateAsync("a");
        var act = () => CreateAsync("a");
        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Jobs_ListAndWatch_HonourLabelAndFieldSelectors()
    {
        V1Job Job(string name, string run) => new()
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["run"] = run } },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }], RestartPolicy = "Never" } } },
        };
        var first = await client.BatchV1.CreateNamespacedJobAsync(Job("a", "1"), "default");
        await client.BatchV1.CreateNamespacedJobAsync(Job("b", "2"), "default");

        (await client.BatchV1.ListNamespacedJobAsync("default", labelSelector: "run=2")).Items.Select(j => j.Metadata.Name).Should().Equal("b");
        (await client.BatchV1.ListNamespacedJobAsync("default", labelSelector: "run!=2")).Items.Select(j => j.Metadata.Name).Should().Equal("a");
        (await client.BatchV1.ListNamespacedJobAsync("default", fieldSelector: "metadata.name=a")).Items.Select(j => j.Metadata.Name).Should().Equal("a");

        using var cts = new CancellationTokenSource(OperatorHarness.Timeout);
        var seen = new List<string>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, job) in client.BatchV1.WatchListNamespacedJobAsync("default", fieldSelector: "metadata.name=a", resourceVersion: first.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                seen.Add($"{type} {job.Metadata.Name} {job.Status?.Succeeded}");
                if (job.Status?.Succeeded == 1)
                {
                    return;
                }
            }
        });
        await harness.WaitUntilAsync(() => harness.Server.OpenWatches(ResourceType.Jobs) == 1, "the watch is open");
        harness.Server.Store.MergePatch(ResourceType.Jobs, "default", "b", new System.Text.Json.Nodes.JsonObject { ["status"] = new System.Text.Json.Nodes.JsonObject { ["succeeded"] = 1 } }, statusOnly: true);
        harness.Server.Store.MergePatch(ResourceType.Jobs, "default", "a", new System.Text.Json.Nodes.JsonObject { ["status"] = new System.Text.Json.Nodes.JsonObject { ["succeeded"] = 1 } }, statusOnly: true);
        await watching.WaitAsync(cts.Token);

        seen.Should().Equal(["Modified a 1"], "b's events do not match the selector, and the watch starts after a's creation");
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_IsConflict()
    {
        var created = await CreateAsync("a");
        created.Spec!.SparkVersion = "4.0.5";
        var replaced = await client.CustomObjects.ReplaceNamespacedCustomObjectAsync<V1Beta2SparkApplication>(created, Group, Version, "default", Plural, "a");
        replaced.Metadata.Generation.Should().Be(2, "a spec change bumps the generation");

        created.Spec.SparkVersion = "4.0.6"; // still carries the old resourceVersion
        var act = () => client.CustomObjects.ReplaceNamespacedCustomObjectAsync<V1Beta2SparkApplication>(created, Group, Version, "default", Plural, "a");
        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PatchStatus_ChangesStatusOnly_GenerationUnchanged()
    {
        var created = await CreateAsync("a");
        var patch = new V1Patch("""{"status":{"applicationState":{"state":"RUNNING"}},"spec":{"sparkVersion":"9"}}""", V1Patch.PatchType.MergePatch);
        var patched = await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<V1Beta2SparkApplication>(patch, Group, Version, "default", Plural, "a");

        patched.Status!.ApplicationState!.State.Should().Be("RUNNING");
        patched.Spec!.SparkVersion.Should().Be(created.Spec!.SparkVersion, "/status ignores the spec");
        patched.Metadata.Generation.Should().Be(1);
        long.Parse(patched.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(long.Parse(created.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Patch_MainResource_IgnoresStatusAndBumpsGeneration()
    {
        await CreateAsync("a");
        var patch = new V1Patch("""{"status":{"applicationState":{"state":"RUNNING"}},"spec":{"sparkVersion":"9"}}""", V1Patch.PatchType.MergePatch);
        var patched = await client.CustomObjects.PatchNamespacedCustomObjectAsync<V1Beta2SparkApplication>(patch, Group, Version, "default", Plural, "a");

        patched.Status.Should().BeNull();
        patched.Spec!.SparkVersion.Should().Be("9");
        patched.Metadata.Generation.Should().Be(2);
    }

    [Fact]
    public async Task Delete_ThenGet_NotFound()
    {
        await CreateAsync("a");
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, "default", Plural, "a");
        var act = () => client.CustomObjects.GetNamespacedCustomObjectAsync<V1Beta2SparkApplication>(Group, Version, "default", Plural, "a");
        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Watch_FromListResourceVersion_StreamsChangesAndBookmarks()
    {
        await CreateAsync("before");
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<V1Beta2SparkApplicationList>(Group, Version, "default", Plural);
        list.Items.Should().ContainSingle();
        using var cts = new CancellationTokenSource(OperatorHarness.Timeout);
        var events = new List<(WatchEventType Type, string? Name, string? ResourceVersion)>();
        var watch = Task.Run(async () =>
        {
            await foreach (var (type, item) in client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                Group, Version, "default", Plural, allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                var element = (JsonElement)item;
                var meta = element.GetProperty("metadata");
                events.Add((type, meta.TryGetProperty("name", out var n) ? n.GetString() : null, meta.GetProperty("resourceVersion").GetString()));
                if (type == WatchEventType.Bookmark)
                {
                    return;
                }
            }
        });

        await harness.Server.WaitUntilAsync(() => harness.Server.OpenWatches(ResourceType.KubeflowSparkApplications) == 1, OperatorHarness.Timeout, "watch open");
        await CreateAsync("after");
        harness.Server.Store.SendBookmarks();
        await watch.WaitAsync(OperatorHarness.Timeout);

        events.Select(e => e.Type).Should().StartWith([WatchEventType.Added]).And.EndWith([WatchEventType.Bookmark]);
        events[0].Name.Should().Be("after", "only changes after the listed resourceVersion are sent");
    }

    [Fact]
    public async Task Watch_FromCompactedResourceVersion_Answers410Expired()
    {
        await CreateAsync("a");
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<V1Beta2SparkApplicationList>(Group, Version, "default", Plural);
        harness.Server.Store.Compact();
        var errors = new List<Exception>();
        await foreach (var _ in client.CustomObjects.WatchListNamespacedCustomObjectAsync(
            Group, Version, "default", Plural, resourceVersion: list.Metadata.ResourceVersion, onError: errors.Add))
        {
            throw new InvalidOperationException("no event expected");
        }

        errors.Should().ContainSingle().Which.Should().BeOfType<KubernetesException>().Which.Status.Code.Should().Be(410);
    }

    [Fact]
    public async Task Watch_OlderThanTheHistoryLimit_Answers410_RecentOneReplays()
    {
        harness.Server.Store.HistoryLimit = 2;
        var first = await CreateAsync("a");
        await CreateAsync("b");
        var third = await CreateAsync("c");
        await CreateAsync("d");

        var gone = new List<Exception>();
        await foreach (var _ in client.CustomObjects.WatchListNamespacedCustomObjectAsync(Group, Version, "default", Plural, resourceVersion: first.Metadata.ResourceVersion, onError: gone.Add))
        {
            throw new InvalidOperationException("no event expected");
        }

        gone.Should().ContainSingle().Which.Should().BeOfType<KubernetesException>().Which.Status.Code.Should().Be(410);

        using var cts = new CancellationTokenSource(OperatorHarness.Timeout);
        await foreach (var (type, item) in client.CustomObjects.WatchListNamespacedCustomObjectAsync(Group, Version, "default", Plural, resourceVersion: third.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            type.Should().Be(WatchEventType.Added);
            ((JsonElement)item).GetProperty("metadata").GetProperty("name").GetString().Should().Be("d");
            break;
        }
    }

    [Fact]
    public async Task Faults_TooManyRequests_CarryRetryAfter()
    {
        harness.Server.Faults.FailNext(1, 429, retryAfterSeconds: 3);
        var act = () => CreateAsync("a");
        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        ((int)error.Response.StatusCode).Should().Be(429);
        error.Response.Headers.Should().ContainKey("Retry-After");
        SparkOptimizer.Operator.Watching.RetryAfter.From(error).Should().Be(TimeSpan.FromSeconds(3));
        SparkOptimizer.Operator.Watching.RetryAfter.AtLeast(TimeSpan.FromSeconds(1), error).Should().Be(TimeSpan.FromSeconds(3), "the server's wait wins over a shorter back-off");
        (await CreateAsync("a")).Metadata.Name.Should().Be("a", "only the next request failed");
    }

    [Fact]
    public async Task List_KindNotInstalled_NotFound()
    {
        harness.Server.Uninstall(ResourceType.KubeflowSparkApplications);
        var act = () => client.CustomObjects.ListNamespacedCustomObjectAsync<V1Beta2SparkApplicationList>(Group, Version, "default", Plural);
        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private Task<V1Beta2SparkApplication> CreateAsync(string name) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Beta2SparkApplication>(
            KubernetesJson.Deserialize<V1Beta2SparkApplication>(SparkApps.KubeflowPi(name).ToJsonString()), Group, Version, "default", Plural);
}
