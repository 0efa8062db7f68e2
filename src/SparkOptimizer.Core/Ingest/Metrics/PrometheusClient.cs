using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace SparkOptimizer.Ingest.Metrics;

/// <summary>
/// A small client of Prometheus' HTTP API (/api/v1/query and /api/v1/query_range). Every call has a timeout and
/// every failure becomes a <see cref="PrometheusException"/>: pod metrics are an addition, never a reason to fail a run.
/// </summary>
public sealed class PrometheusClient(HttpClient http, Uri baseUrl, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(20);

    public Task<IReadOnlyList<PrometheusSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        var url = new Uri(baseUrl, "api/v1/query_range?query=" + Uri.EscapeDataString(query)
            + "&start=" + Seconds(start) + "&end=" + Seconds(end)
            + "&step=" + step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        return GetAsync(url, cancellationToken);
    }

    public Task<IReadOnlyList<PrometheusSeries>> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        var url = new Uri(baseUrl, "api/v1/query?query=" + Uri.EscapeDataString(query) + "&time=" + Seconds(time));
        return GetAsync(url, cancellationToken);
    }

    private static string Seconds(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<PrometheusSeries>> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        JsonElement body;
        try
        {
            using var response = await http.GetAsync(url, cts.Token).ConfigureAwait(false);
            body = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = body.TryGetProperty("error", out var e) ? e.GetString() : response.ReasonPhrase;
                throw new PrometheusException($"Prometheus answered {(int)response.StatusCode}: {error}");
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PrometheusException($"Prometheus did not answer within {_timeout.TotalSeconds:0} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PrometheusException($"Prometheus unreachable at {baseUrl}: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new PrometheusException("Prometheus answered with something that is not its JSON API", ex);
        }

        return Parse(body);
    }

    private static IReadOnlyList<PrometheusSeries> Parse(JsonElement body)
    {
        if (!body.TryGetProperty("data", out var data) || !data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
        {
            throw new PrometheusException("Prometheus response has no data.result");
        }

        var series = new List<PrometheusSeries>();
        foreach (var item in result.EnumerateArray())
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("metric", out var metric))
            {
                foreach (var p in metric.EnumerateObject())
                {
                    labels[p.Name] = p.Value.GetString() ?? string.Empty;
                }
            }

            var samples = new List<PrometheusSample>();
            if (item.TryGetProperty("values", out var values))
            {
                foreach (var v in values.EnumerateArray())
                {
                    samples.Add(Sample(v));
                }
            }
            else if (item.TryGetProperty("value", out var value))
            {
                samples.Add(Sample(value));
            }

            series.Add(new PrometheusSeries(labels, samples));
        }

        return series;
    }

    private static PrometheusSample Sample(JsonElement pair)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)(pair[0].GetDouble() * 1000));
        var text = pair[1].GetString();
        var value = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
        return new PrometheusSample(time, value);
    }
}
