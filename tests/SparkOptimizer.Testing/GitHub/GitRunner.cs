using System.Diagnostics;
using System.Text;

namespace SparkOptimizer.Testing.GitHub;

/// <summary>Runs the machine's <c>git</c> with a clean environment (no system or user config, no prompts).</summary>
public static class GitRunner
{
    public static async Task<byte[]> RunBytesAsync(string workingDirectory, IEnumerable<string> args, byte[]? stdin = null, IReadOnlyDictionary<string, string>? env = null, bool allowFailure = false)
    {
        var (code, stdout, stderr) = await RunRawAsync(workingDirectory, args, stdin, env);
        if (code != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({code}): {stderr}");
        }

        return stdout;
    }

    public static async Task<string> RunAsync(string workingDirectory, params string[] args) =>
        Encoding.UTF8.GetString(await RunBytesAsync(workingDirectory, args)).TrimEnd('\n');

    public static async Task<(int Code, byte[] Stdout, string Stderr)> RunRawAsync(string workingDirectory, IEnumerable<string> args, byte[]? stdin = null, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_AUTHOR_NAME"] = "Test Human";
        psi.Environment["GIT_AUTHOR_EMAIL"] = "human@example.com";
        psi.Environment["GIT_COMMITTER_NAME"] = "Test Human";
        psi.Environment["GIT_COMMITTER_EMAIL"] = "human@example.com";
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("git did not start");
        var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderrTask = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdoutTask, await stderrTask);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var ms = new MemoryStream();
        await stream.CopyToAsync(ms);
        return ms.ToArray();
    }
}
