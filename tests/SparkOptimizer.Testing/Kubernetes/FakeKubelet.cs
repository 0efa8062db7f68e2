using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>
/// Plays the Job controller and the kubelet against the fake API server, over HTTP like any other client: watches batch/v1 Jobs,
/// creates each new Job's pod (labelled job-name and batch.kubernetes.io/job-name), runs its container as a local process (the
/// image's entrypoint is given, e.g. <c>dotnet SparkOptimizer.Operator.dll</c>, followed by the Job's args, with the Job's env),
/// keeps stdout and stderr as the pod's log, and writes the outcome on the pod and the Job's status (Complete or Failed,
/// succeeded/failed counts). A deleted Job takes its pods with it. Like the kubelet, it refuses to start a container that must run
/// as non-root when it cannot tell the user is not root (<see cref="ImageUser"/> is a name and no numeric runAsUser is set): the
/// pod stays Pending with CreateContainerConfigError and the Job fails at its deadline. Knobs: <see cref="FailWhen"/> fails chosen Jobs without
/// running them; <see cref="Runner"/> replaces the process.
/// </summary>
public sealed class FakeKubelet : IAsyncDisposable
{
    private readonly FakeKubeApiServer server;
    private readonly IReadOnlyList<string> entrypoint;
    private readonly IReadOnlyDictionary<string, string> extraEnvironment;
    private readonly HttpClient http;
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, Task> running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<string>> podsByJob = new(StringComparer.Ordinal);
    private Task? loop;
    private int active;
    private int peakActive;

    public FakeKubelet(FakeKubeApiServer server, IReadOnlyList<string> entrypoint, IReadOnlyDictionary<string, string>? environment = null, int parallelism = 4)
    {
        this.server = server;
        this.entrypoint = entrypoint;
        extraEnvironment = environment ?? new Dictionary<string, string>();
        slots = new SemaphoreSlim(parallelism);
        http = new HttpClient { BaseAddress = server.BaseUri, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Jobs for which this returns true fail at once (exit 1) without their command running.</summary>
    public Func<JsonObject, bool>? FailWhen { get; set; }

    /// <summary>The image's USER: a name (as in an image built with <c>USER app</c>) cannot be checked against runAsNonRoot.</summary>
    public string ImageUser { get; set; } = "app";

    /// <summary>Containers refused before they started, with the kubelet's reason.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>Runs a container; the default starts the command line as a local process.</summary>
    public Func<KubeletRun, CancellationToken, Task<KubeletExit>> Runner { get; set; } = RunProcessAsync;

    /// <summary>Every run, in the order the containers started.</summary>
    public ConcurrentQueue<KubeletRun> Runs { get; } = new();

    public int Succeeded => succeeded;

    public int Failed => failed;

    /// <summary>Most containers running at once.</summary>
    public int PeakActive => Volatile.Read(ref peakActive);

    private int succeeded;
    private int failed;

    public void Start() => loop = Task.Run(() => WatchAsync(stop.Token));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (loop is not null)
            {
                await loop.WaitAsync(TimeSpan.FromSeconds(10));
            }

            await Task.WhenAll(running.Values).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or HttpRequestException)
        {
        }

        http.Dispose();
        stop.Dispose();
    }

    /// <summary>Runs the command line as a process, killing it at the deadline.</summary>
    public static async Task<KubeletExit> RunProcessAsync(KubeletRun run, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(run.CommandLine[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in run.CommandLine.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in run.Environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {run.CommandLine[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (run.Deadline is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new KubeletExit(137, await stdout + await stderr, DeadlineExceeded: !cancellationToken.IsCancellationRequested);
        }

        return new KubeletExit(process.ExitCode, await stdout + await stderr);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var revision = "0";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"/apis/batch/v1/jobs?watch=true&resourceVersion={revision}", UriKind.Relative),
                    HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    var change = JsonNode.Parse(line)!.AsObject();
                    var job = change["object"]!.AsObject();
                    if (change["type"]!.GetValue<string>() == "ERROR")
                    {
                        revision = "0";
                        break;
                    }

                    revision = job["metadata"]?["resourceVersion"]?.GetValue<string>() ?? revision;
                    OnEvent(change["type"]!.GetValue<string>(), job, cancellationToken);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void OnEvent(string type, JsonObject job, CancellationToken cancellationToken)
    {
        var meta = job["metadata"]!;
        var ns = meta["namespace"]!.GetValue<string>();
        var name = meta["name"]!.GetValue<string>();
        var uid = meta["uid"]!.GetValue<string>();
        if (type == "DELETED")
        {
            running.TryRemove(uid, out _);
            _ = CollectAsync(ns, name);
            return;
        }

        if (type == "ADDED" && job["status"]?["conditions"] is null)
        {
            running.TryAdd(uid, Task.Run(() => RunJobAsync(ns, name, uid, job, cancellationToken), cancellationToken));
        }
    }

    private async Task RunJobAsync(string ns, string job, string uid, JsonObject spec, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        var now = Interlocked.Increment(ref active);
        int seen;
        while (now > (seen = Volatile.Read(ref peakActive)) && Interlocked.CompareExchange(ref peakActive, now, seen) != seen)
        {
        }

        try
        {
            var pod = $"{job}-{Guid.NewGuid().ToString("N")[..5]}";
            var template = spec["spec"]!["template"]!;
            var container = template["spec"]!["containers"]![0]!;
            var labels = new JsonObject { ["job-name"] = job, ["batch.kubernetes.io/job-name"] = job, ["controller-uid"] = uid };
            foreach (var (key, value) in template["metadata"]?["labels"]?.AsObject() ?? [])
            {
                labels[key] = value?.DeepClone();
            }

            podsByJob.GetOrAdd($"{ns}/{job}", _ => []).Add(pod);
            await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = pod,
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = job, ["uid"] = uid, ["controller"] = true }),
                },
                ["spec"] = template["spec"]!.DeepClone(),
            }, cancellationToken);
            await PatchStatusAsync($"/apis/batch/v1/namespaces/{ns}/jobs/{job}/status", new JsonObject { ["active"] = 1, ["startTime"] = Now() }, cancellationToken);
            var deadline = spec["spec"]?["activeDeadlineSeconds"]?.GetValue<long>() is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            if (RefusalOf(template["spec"]!, container) is { } refusal)
            {
                await RefuseAsync(ns, job, pod, container["name"]!.GetValue<string>(), refusal, deadline, cancellationToken);
                return;
            }

            await PatchStatusAsync($"/api/v1/namespaces/{ns}/pods/{pod}/status", new JsonObject { ["phase"] = "Running" }, cancellationToken);

            var command = (container["command"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [.. entrypoint];
            command.AddRange((container["args"] as JsonArray)?.Select(n => n!.GetValue<string>()) ?? []);
            var env = new Dictionary<string, string>(extraEnvironment, StringComparer.Ordinal);
            foreach (var variable in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (variable["value"]?.GetValue<string>() is { } value)
                {
                    env[variable["name"]!.GetValue<string>()] = value;
                }
            }

            var run = new KubeletRun(ns, job, pod, command, env, deadline);
            Runs.Enqueue(run);
            var exit = FailWhen?.Invoke(spec) == true
                ? new KubeletExit(1, "kubelet: this Job was told to fail\n")
                : await Runner(run, cancellationToken);
            server.PodLogs[$"{ns}/{pod}"] = exit.Log;
            var ok = exit.ExitCode == 0;
            await PatchStatusAsync($"/api/v1/namespaces/{ns}/pods/{pod}/status", new JsonObject
            {
                ["phase"] = ok ? "Succeeded" : "Failed",
                ["containerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = container["name"]!.GetValue<string>(),
                    ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = exit.ExitCode, ["reason"] = ok ? "Completed" : "Error" } },
                }),
            }, cancellationToken);
            var condition = ok
                ? new JsonObject { ["type"] = "Complete", ["status"] = "True", ["lastTransitionTime"] = Now() }
                : exit.DeadlineExceeded
                    ? new JsonObject { ["type"] = "Failed", ["status"] = "True", ["reason"] = "DeadlineExceeded", ["message"] = "Job was active longer than specified deadline", ["lastTransitionTime"] = Now() }
                    : new JsonObject { ["type"] = "Failed", ["status"] = "True", ["reason"] = "BackoffLimitExceeded", ["message"] = "Job has reached the specified backoff limit", ["lastTransitionTime"] = Now() };
            await PatchStatusAsync($"/apis/batch/v1/namespaces/{ns}/jobs/{job}/status", new JsonObject
            {
                ["active"] = 0,
                [ok ? "succeeded" : "failed"] = 1,
                ["completionTime"] = ok ? Now() : null,
                ["conditions"] = new JsonArray(condition),
            }, cancellationToken);
            Interlocked.Increment(ref ok ? ref succeeded : ref failed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref active);
            slots.Release();
        }
    }

    /// <summary>Why the kubelet would not start the container (its own words), or null: runAsNonRoot needs a user it can check is not 0.</summary>
    private string? RefusalOf(JsonNode podSpec, JsonNode container)
    {
        JsonNode? Setting(string name) => container["securityContext"]?[name] ?? podSpec["securityContext"]?[name];
        if (Setting("runAsNonRoot")?.GetValue<bool>() != true)
        {
            return null;
        }

        long? uid = Setting("runAsUser")?.GetValue<long>();
        if (uid is null && long.TryParse(ImageUser, NumberStyles.None, CultureInfo.InvariantCulture, out var imageUid))
        {
            uid = imageUid;
        }

        return uid switch
        {
            null => $"container has runAsNonRoot and image has non-numeric user ({ImageUser}), cannot verify user is non-root",
            0 => "container's runAsUser breaks non-root policy",
            _ => null,
        };
    }

    /// <summary>The pod waits with CreateContainerConfigError; the Job controller fails the Job at its deadline (never without one).</summary>
    private async Task RefuseAsync(string ns, string job, string pod, string container, string refusal, TimeSpan? deadline, CancellationToken cancellationToken)
    {
        Refusals.Enqueue($"{ns}/{pod}: {refusal}");
        await PatchStatusAsync($"/api/v1/namespaces/{ns}/pods/{pod}/status", new JsonObject
        {
            ["phase"] = "Pending",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = container,
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CreateContainerConfigError", ["message"] = refusal } },
            }),
        }, cancellationToken);
        if (deadline is not { } limit)
        {
            return;
        }

        await Task.Delay(limit, cancellationToken);
        await PatchStatusAsync($"/apis/batch/v1/namespaces/{ns}/jobs/{job}/status", new JsonObject
        {
            ["active"] = 0,
            ["failed"] = 1,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Failed", ["status"] = "True", ["reason"] = "DeadlineExceeded", ["message"] = "Job was active longer than specified deadline", ["lastTransitionTime"] = Now(),
            }),
        }, cancellationToken);
        Interlocked.Increment(ref failed);
    }

    /// <summary>The garbage collector's part: a deleted Job's pods and their logs go.</summary>
    private async Task CollectAsync(string ns, string job)
    {
        if (!podsByJob.TryRemove($"{ns}/{job}", out var pods))
        {
            return;
        }

        foreach (var pod in pods)
        {
            server.PodLogs.TryRemove($"{ns}/{pod}", out _);
            try
            {
                using var response = await http.DeleteAsync(new Uri($"/api/v1/namespaces/{ns}/pods/{pod}", UriKind.Relative));
            }
            catch (HttpRequestException)
            {
            }
        }
    }

    private Task PatchStatusAsync(string path, JsonObject status, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path, new JsonObject { ["status"] = status }, cancellationToken, "application/merge-patch+json");

    private async Task SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        // a Job deleted meanwhile (its status write answers 404) is not the kubelet's problem
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != 404)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static string Now() => TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
