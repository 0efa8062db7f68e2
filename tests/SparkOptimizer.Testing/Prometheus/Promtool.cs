using System.Diagnostics;

namespace SparkOptimizer.Testing.Prometheus;

/// <summary>The real promtool (Debian's prometheus package): `promtool check metrics` lints an exposition as Prometheus' own rules do.</summary>
public static class Promtool
{
    /// <summary>Runs `promtool check metrics` on the text; exit code 0 means no problem, and the output lists each one found.</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var psi = new ProcessStartInfo(PrometheusServer.Which("promtool"))
        {
            RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add("check");
        psi.ArgumentList.Add("metrics");
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("promtool did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition).ConfigureAwait(false);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }
}
