using System.Diagnostics;
using System.Text;

namespace SparkOptimizer.Publishing.Git;

/// <summary>Runs the <c>git</c> CLI in one work tree with a clean environment (no system/global config, no prompts).</summary>
internal sealed class GitCli(string workTree, IReadOnlyDictionary<string, string>? environment = null)
{
    public string WorkTree { get; } = workTree;

    public async Task<string> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var (code, stdout, stderr) = await TryRunAsync(cancellationToken, args);
        return code == 0
            ? stdout
            : throw new GitCommandException($"git {Describe(args)} failed with exit code {code}: {Redact(stderr.Trim())}");
    }

    public async Task<(int Code, string Stdout, string Stderr)> TryRunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = WorkTree,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["LC_ALL"] = "C";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new GitCommandException("git could not be started.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout).TrimEnd('\n'), await stderr);
    }

    // Remote URLs may carry credentials (https://user:token@host/...): never put them in messages.
    private static string Describe(string[] args) => string.Join(' ', args.Select(a => a.Contains("://", StringComparison.Ordinal) ? "<remote>" : a));

    private static string Redact(string text)
    {
        var sb = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            sb.Append(word.Contains("://", StringComparison.Ordinal) && word.Contains('@', StringComparison.Ordinal) ? "<remote>" : word).Append(' ');
        }

        return sb.ToString().TrimEnd();
    }
}
