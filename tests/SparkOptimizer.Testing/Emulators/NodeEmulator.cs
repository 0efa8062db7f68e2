using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Testing.Emulators;

/// <summary>
/// A node-based emulator (s3rver, Azurite) installed in the repository's .tools by scripts/install-test-deps.sh,
/// started on port 0 of 127.0.0.1 with a temporary data folder. Readiness is the server's own "listening" line,
/// which also carries the port it bound; the wait is a signal with a timeout. Disposing stops that process by its PID.
/// </summary>
public sealed class NodeEmulator : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly TempDir _data;

    private NodeEmulator(Process process, TempDir data, int port)
    {
        _process = process;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public string DataFolder => _data.Path;

    /// <summary>Starts `node SCRIPT ARGS` where {dir} in the arguments is the data folder, and waits for a line matching <paramref name="ready"/> (group "port").</summary>
    public static NodeEmulator Start(string packageScript, IEnumerable<string> args, Regex ready)
    {
        var script = Path.Combine(ToolsFolder, "node_modules", packageScript);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run scripts/install-test-deps.sh (installs s3rver and azurite into .tools).");
        }

        var data = new TempDir();
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg.Replace("{dir}", data.Path, StringComparison.Ordinal));
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (ready.Match(e.Data) is { Success: true } m)
            {
                port.TrySetResult(int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => port.TrySetException(new InvalidOperationException($"{packageScript} exited: {string.Join(" | ", output)}"));
        if (!port.Task.Wait(StartTimeout))
        {
            Stop(process);
            data.Dispose();
            throw new TimeoutException($"{packageScript} did not report listening within {StartTimeout.TotalSeconds} s: {string.Join(" | ", output)}");
        }

        return new NodeEmulator(process, data, port.Task.Result);
    }

    public void Dispose()
    {
        Stop(_process);
        _process.Dispose();
        _data.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string ToolsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SparkOptimizer.sln")))
                {
                    return Path.Combine(dir.FullName, ".tools");
                }
            }

            throw new InvalidOperationException("repository root (SparkOptimizer.sln) not found above " + AppContext.BaseDirectory);
        }
    }
}
