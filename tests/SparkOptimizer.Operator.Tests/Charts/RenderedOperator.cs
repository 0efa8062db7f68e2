using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Charts;

/// <summary>
/// Starts the built operator as the rendered Deployment would: its container's environment and arguments exactly, except
/// what only a cluster provides, each mapped to its stand-in here: the service account (KUBECONFIG to our API server),
/// Secrets (a placeholder value per secretKeyRef, or the value a test gives for that variable), the pod's namespace, the listening address (127.0.0.1 and a free port)
/// and mounted volumes (a temporary folder per mountPath).
/// </summary>
public sealed class RenderedOperator : IDisposable
{
    private readonly Process process;
    private readonly string mounts;
    private readonly List<string> errors;

    private RenderedOperator(Process process, string mounts, Uri address, List<string> errors)
    {
        this.process = process;
        this.mounts = mounts;
        this.errors = errors;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The literal <c>env</c> values of the Deployment's operator container.</summary>
    public static Dictionary<string, string> LiteralEnvironment(IReadOnlyList<JsonObject> docs)
    {
        var container = Container(docs);
        return (container["env"]?.AsArray() ?? [])
            .Where(e => e!["value"] is not null)
            .ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.ToString(), StringComparer.Ordinal);
    }

    public static RenderedOperator Start(IReadOnlyList<JsonObject> docs, string kubeconfig, string releaseNamespace, IReadOnlyDictionary<string, string>? secrets = null)
    {
        var container = Container(docs);
        var mounts = Path.Combine(Path.GetTempPath(), $"mounts-{Guid.NewGuid():N}");
        var mountPaths = (container["volumeMounts"]?.AsArray() ?? []).Select(m => m!["mountPath"]!.GetValue<string>()).ToArray();
        foreach (var path in mountPaths)
        {
            Directory.CreateDirectory(Path.Combine(mounts, path.TrimStart('/')));
        }

        var port = FreePort();
        var start = OperatorBinary.StartInfo();
        foreach (var arg in (container["args"]?.AsArray() ?? []).Select(a => a!.GetValue<string>()))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Operator__", StringComparison.Ordinal) || k.StartsWith("Engine__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(key);
        }

        foreach (var entry in container["env"]?.AsArray() ?? [])
        {
            var name = entry!["name"]!.GetValue<string>();
            start.Environment[name] = entry["value"] is { } value
                ? Mapped(value.ToString(), mountPaths, mounts)
                : entry["valueFrom"]!["fieldRef"] is not null ? releaseNamespace : secrets?.GetValueOrDefault(name) ?? $"placeholder-for-{name}";
        }

        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["KUBECONFIG"] = kubeconfig;
        var errors = new List<string>();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(errors, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RenderedOperator(process, mounts, new Uri($"http://127.0.0.1:{port}/"), errors);
    }

    private static void Keep(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    /// <summary>Polls /readyz until it answers 200; false when the deadline passes or the process exits first.</summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow to answer: try again
            }

            await Task.Delay(100);
        }

        return false;
    }

    public string Report()
    {
        lock (errors)
        {
            return (process.HasExited ? $"exited with {process.ExitCode}" : "still running") + ":\n" + string.Join('\n', errors.TakeLast(15));
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
        if (Directory.Exists(mounts))
        {
            Directory.Delete(mounts, recursive: true);
        }
    }

    private static string Mapped(string value, IReadOnlyList<string> mountPaths, string mounts)
    {
        var mount = mountPaths.Where(m => value == m || value.StartsWith(m.TrimEnd('/') + "/", StringComparison.Ordinal)).MaxBy(m => m.Length);
        return mount is null ? value : Path.Combine(mounts, mount.TrimStart('/')) + value[mount.Length..];
    }

    private static JsonObject Container(IReadOnlyList<JsonObject> docs) =>
        docs.Single(d => d["kind"]!.GetValue<string>() == "Deployment")["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
            .Single(c => c!["name"]!.GetValue<string>() == "operator")!.AsObject();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
