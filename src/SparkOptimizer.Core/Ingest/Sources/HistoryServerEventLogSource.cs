using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// A Spark History Server by its REST API: http(s)://host:port lists every application (GET /api/v1/applications);
/// http(s)://host:port/APPID[/ATTEMPT] (or the /history/... and /api/v1/applications/... forms) names one.
/// Each application's GET .../logs zip is streamed to a temporary file and read as a zip.
/// </summary>
internal sealed class HistoryServerEventLogSource(SourceUri uri, SourceOptions options)
{
    private readonly string?[] _secrets = [uri.UserInfo, uri.UserInfo?.Split(':', 2).LastOrDefault(), options.HistoryServerToken ?? options.Env(SourceEnvironment.HistoryServerToken)];

    public IReadOnlyList<EventLogInput> Resolve()
    {
        var (basePath, appId, attempt) = Split(uri.Path);
        var root = $"{uri.Scheme}://{uri.Authority}/{basePath}".TrimEnd('/');
        using var http = CreateClient();
        if (appId is not null)
        {
            return Download(http, root, appId, attempt);
        }

        var ids = ListApplications(http, root);
        if (ids.Count == 0)
        {
            throw SourceErrors.Fail(uri.Display, "the history server lists no applications", _secrets);
        }

        return ids.SelectMany(id => Download(http, root, id, null)).ToArray();
    }

    /// <summary>Splits the URL path into the server's base path and an optional application id and attempt.</summary>
    internal static (string Base, string? AppId, string? Attempt) Split(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] == "api" && i + 2 < segments.Count && segments[i + 1] == "v1" && segments[i + 2] == "applications")
            {
                return Pick(string.Join('/', segments.Take(i)), segments.Skip(i + 3).ToList());
            }

            if (segments[i] == "history")
            {
                return Pick(string.Join('/', segments.Take(i)), segments.Skip(i + 1).ToList());
            }
        }

        return Pick(string.Empty, segments);
    }

    private static (string, string?, string?) Pick(string basePath, List<string> rest)
    {
        rest.RemoveAll(s => s is "logs" or "jobs" or "stages" or "executors" or "environment" or "SQL");
        return (basePath, rest.ElementAtOrDefault(0), rest.ElementAtOrDefault(1));
    }

    private HttpClient CreateClient()
    {
        var http = new HttpClient { Timeout = options.HttpTimeout };
        if (uri.UserInfo is { } user)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        }
        else if ((options.HistoryServerToken ?? options.Env(SourceEnvironment.HistoryServerToken)) is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private List<string> ListApplications(HttpClient http, string root)
    {
        var limit = options.HistoryServerMaxApplications.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = Send(http, $"{root}/api/v1/applications?limit={limit}", uri.Display);
        using var body = response.Content.ReadAsStream();
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.EnumerateArray()
                .Select(a => a.TryGetProperty("id", out var id) ? id.GetString() : null)
                .OfType<string>().Take(options.HistoryServerMaxApplications).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw SourceErrors.Fail(uri.Display, "the application list is not the History Server's JSON (is this a History Server?)", _secrets);
        }
    }

    private IReadOnlyList<EventLogInput> Download(HttpClient http, string root, string appId, string? attempt)
    {
        var path = attempt is null ? $"{Uri.EscapeDataString(appId)}" : $"{Uri.EscapeDataString(appId)}/{Uri.EscapeDataString(attempt)}";
        var display = $"{root}/api/v1/applications/{path}/logs";
        return DownloadedZip.Open(display, target =>
        {
            using var response = Send(http, display, display);
            using var body = response.Content.ReadAsStream();
            body.CopyTo(target);
        }, options);
    }

    private HttpResponseMessage Send(HttpClient http, string url, string display)
    {
        HttpResponseMessage response;
        try
        {
            response = http.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw SourceErrors.Fail(display, $"cannot reach the history server: {ex.Message}", _secrets);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = response.StatusCode;
        response.Dispose();
        throw SourceErrors.Fail(display, status switch
        {
            HttpStatusCode.NotFound => "no such application on the history server (404)",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"authentication failed ({(int)status})",
            _ => $"history server answered {(int)status} {status}",
        }, _secrets);
    }
}
