using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SparkOptimizer.Testing.Prometheus;

/// <summary>
/// A real Prometheus (Debian's package) on a free 127.0.0.1 port, its TSDB backfilled from OpenMetrics text with
/// `promtool tsdb create-blocks-from openmetrics` before it starts. Dispose stops it and deletes its data.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly TempDir _dir;

    private PrometheusServer(Process process, TempDir dir, Uri url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<PrometheusServer> StartAsync(string openMetrics, TimeSpan? timeout = null)
    {
        var prometheus = Which("prometheus");
        var promtool = Which("promtool");
        var dir = new TempDir();
        try
        {
            var input = dir.File("series.om");
            await File.WriteAllTextAsync(input, openMetrics).ConfigureAwait(false);
            var data = Directory.CreateDirectory(dir.File("data")).FullName;
            await RunAsync(promtool, ["tsdb", "create-blocks-from", "openmetrics", input, data]).ConfigureAwait(false);
            var config = dir.File("prometheus.yml");
            await File.WriteAllTextAsync(config, "scrape_configs: []\n").ConfigureAwait(false);
            var port = FreePort();
            var psi = new ProcessStartInfo(prometheus)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         $"--config.file={config}", $"--storage.tsdb.path={data}", $"--web.listen-address=127.0.0.1:{port}",
                         "--storage.tsdb.retention.time=100y", "--log.level=warn",
                     })
            {
                psi.ArgumentList.Add(arg);
            }

            var process = Process.Start(psi) ?? throw new InvalidOperationException("prometheus did not start");
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var url = new Uri($"http://127.0.0.1:{port}/");
            var server = new PrometheusServer(process, dir, url);
            await server.WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            return server;
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _dir.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "-/ready")).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException($"prometheus was not ready within {timeout.TotalSeconds:0} s");
    }

    private static async Task RunAsync(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
    }

    internal static string Which(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{name}' is not installed: run scripts/install-test-deps.sh (Debian package 'prometheus').");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
