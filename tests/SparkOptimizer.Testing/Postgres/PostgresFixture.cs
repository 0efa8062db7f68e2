using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace SparkOptimizer.Testing.Postgres;

/// <summary>
/// A private PostgreSQL server for the tests: Debian's binaries, initdb into a temporary folder, a free 127.0.0.1 port and
/// a private socket folder; run as the postgres OS user when the tests run as root (postgres refuses root). Stopped on dispose.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private string? _root;
    private string? _binDir;
    private int _databases;

    public int Port { get; private set; }

    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    public async Task InitializeAsync()
    {
        _binDir = FindBinDir();
        _root = Path.Combine(Path.GetTempPath(), "sparkopt-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(_root, "data");
        var socket = Path.Combine(_root, "sock");
        Directory.CreateDirectory(socket);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(_binDir, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: true);
        Port = FreePort();
        var options = $"-p {Port} -k {socket} -c listen_addresses=127.0.0.1 -c max_connections=50";
        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", data, "-l", Path.Combine(_root, "postgres.log"), "-o", options, "-w", "-t", "60", "start"], asPostgres: true);
        await WaitReadyAsync();
    }

    /// <summary>A fresh, empty database for one test; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"history_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..24];
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Timeout=30;Maximum Pool Size=20";
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_root is null || _binDir is null)
        {
            return;
        }

        if (Port != 0)
        {
            await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], asPostgres: true, throwOnError: false);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinDir()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).ToArray()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/install-test-deps.sh, which installs Debian's postgresql package.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task WaitReadyAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ServerConnectionString);
                await connection.OpenAsync(timeout.Token);
                return;
            }
            catch (NpgsqlException) when (!timeout.IsCancellationRequested)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, bool throwOnError = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && IsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = file;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
