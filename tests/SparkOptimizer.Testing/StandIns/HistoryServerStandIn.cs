using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Testing.StandIns;

/// <summary>
/// A Spark History Server stand-in on 127.0.0.1:0 serving the documented REST paths from a folder of real logs:
/// GET /api/v1/applications (one entry per file or rolling folder), GET /api/v1/applications/ID[/ATTEMPT]/logs
/// (a zip laid out as Spark writes it: a rolling log as its eventlog_v2_ folder, a single log as one entry).
/// With <see cref="RequireBasicAuth"/> set, every request must carry that user:password.
/// </summary>
public sealed class HistoryServerStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _logs;
    private int _downloads;

    private HistoryServerStandIn(WebApplication app, Dictionary<string, string> logs)
    {
        _app = app;
        _logs = logs;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public string? RequireBasicAuth { get; set; }

    public IReadOnlyCollection<string> ApplicationIds => _logs.Keys;

    public int Downloads => Volatile.Read(ref _downloads);

    public static async Task<HistoryServerStandIn> StartAsync(string folder)
    {
        var logs = Directory.EnumerateFileSystemEntries(folder)
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .ToDictionary(AppIdOf, p => p, StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new HistoryServerStandIn(app, logs);
        app.Use(async (context, next) =>
        {
            if (standIn.RequireBasicAuth is { } user &&
                context.Request.Headers.Authorization.ToString() != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user)))
            {
                context.Response.StatusCode = 401;
                return;
            }

            await next(context);
        });
        app.MapGet("/api/v1/applications", (int? limit) => standIn.List(limit));
        app.MapGet("/api/v1/applications/{id}/logs", (HttpContext c, string id) => standIn.Zip(c, id));
        app.MapGet("/api/v1/applications/{id}/{attempt}/logs", (HttpContext c, string id) => standIn.Zip(c, id));
        await app.StartAsync();
        standIn.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult List(int? limit) =>
        Results.Json(_logs.Keys.Order(StringComparer.Ordinal).Take(limit ?? int.MaxValue).Select(id => new
        {
            id,
            name = id,
            attempts = new[] { new { completed = !_logs[id].EndsWith(".inprogress", StringComparison.Ordinal), sparkUser = "spark", appSparkVersion = "3.x" } },
        }));

    private async Task Zip(HttpContext context, string id)
    {
        if (!_logs.TryGetValue(id, out var path))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync($"no such app: {id}");
            return;
        }

        Interlocked.Increment(ref _downloads);
        context.Response.ContentType = "application/octet-stream";
        context.Response.Headers.ContentDisposition = $"attachment; filename=eventLogs-{id}.zip";

        // Built in a temp file: ZipArchive writes synchronously, which Kestrel refuses on the response body.
        var temp = Path.GetTempFileName();
        try
        {
            using (var archive = ZipFile.Open(temp, ZipArchiveMode.Update))
            {
                if (Directory.Exists(path))
                {
                    foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
                    {
                        archive.CreateEntryFromFile(file, $"{Path.GetFileName(path)}/{Path.GetFileName(file)}");
                    }
                }
                else
                {
                    archive.CreateEntryFromFile(path, Path.GetFileName(path));
                }
            }

            await context.Response.SendFileAsync(temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string AppIdOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith("eventlog_v2_", StringComparison.Ordinal))
        {
            name = name["eventlog_v2_".Length..];
        }

        foreach (var suffix in new[] { ".inprogress", ".lz4", ".lzf", ".snappy", ".zstd", ".zst", ".gz" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }

        return name;
    }
}
