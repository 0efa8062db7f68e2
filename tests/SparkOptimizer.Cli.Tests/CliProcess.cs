using System.Diagnostics;

namespace SparkOptimizer.Tests;

/// <summary>Runs the built `spark-optimizer` executable as a user would: its Main, its exit code, its streams.</summary>
internal static class CliProcess
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "spark-optimizer.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"spark-optimizer {string.Join(' ', args)} did not exit within 2 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
