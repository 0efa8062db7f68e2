using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SparkOptimizer.Ingest.Vendors;

/// <summary>
/// Amazon EMR's API (JSON 1.1 protocol, SigV4): DescribeCluster and ListInstanceGroups, reduced to a <see cref="VendorCluster"/>:
/// master and core instance types, core plus task instances, spot markets, release label, and the spark-defaults classification.
/// AWSSDK's EMR package is not served here, so the two calls are made directly; the keys are only used to sign.
/// </summary>
public sealed class EmrClustersClient(HttpClient http, string region, string accessKey, string secretKey, string? sessionToken = null, Uri? endpoint = null, TimeProvider? time = null)
{
    private const string Service = "elasticmapreduce";

    private Uri Endpoint => endpoint ?? new Uri($"https://elasticmapreduce.{region}.amazonaws.com/");

    public async Task<VendorCluster> GetClusterAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["ClusterId"] = clusterId });
        using var described = await CallAsync("DescribeCluster", body, cancellationToken).ConfigureAwait(false);
        using var groups = await CallAsync("ListInstanceGroups", body, cancellationToken).ConfigureAwait(false);
        var c = described.RootElement.Obj("Cluster");
        var conf = new Dictionary<string, string>(StringComparer.Ordinal);
        if (c.ValueKind == JsonValueKind.Object && c.TryGetProperty("Configurations", out var configurations) && configurations.ValueKind == JsonValueKind.Array)
        {
            foreach (var classification in configurations.EnumerateArray().Where(x => x.Str("Classification") == "spark-defaults"))
            {
                foreach (var (k, v) in classification.Obj("Properties").StringMap())
                {
                    conf[k] = v;
                }
            }
        }

        var list = groups.RootElement.TryGetProperty("InstanceGroups", out var g) && g.ValueKind == JsonValueKind.Array ? g.EnumerateArray().ToArray() : [];
        JsonElement? Of(string type) => list.Where(x => x.Str("InstanceGroupType") == type).Select(x => (JsonElement?)x).FirstOrDefault();
        var workers = list.Where(x => x.Str("InstanceGroupType") is "CORE" or "TASK").ToArray();
        return new VendorCluster(
            "emr",
            c.Str("Id") ?? clusterId,
            c.Str("Name"),
            c.Obj("Status").Str("State"),
            c.Str("ReleaseLabel"),
            Of("MASTER")?.Str("InstanceType"),
            Of("CORE")?.Str("InstanceType"),
            workers.Length == 0 ? null : (int)workers.Sum(x => x.Long("RunningInstanceCount") ?? x.Long("RequestedInstanceCount") ?? 0),
            null,
            null,
            workers.Length == 0 ? null : workers.Any(x => x.Str("Market") == "SPOT"),
            conf);
    }

    private async Task<JsonDocument> CallAsync(string action, string json, CancellationToken cancellationToken)
    {
        var url = Endpoint;
        var payload = Encoding.UTF8.GetBytes(json);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/x-amz-json-1.1",
            ["Host"] = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port.ToString(CultureInfo.InvariantCulture)}",
            ["X-Amz-Date"] = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            ["X-Amz-Target"] = "ElasticMapReduce." + action,
        };
        if (sessionToken is not null)
        {
            headers["X-Amz-Security-Token"] = sessionToken;
        }

        var authorization = AwsSigV4.Authorization("POST", url.AbsolutePath, headers, payload, accessKey, secretKey, region, Service, now);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", headers["X-Amz-Date"]);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", headers["X-Amz-Target"]);
        if (sessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var shown = $"{url.GetLeftPart(UriPartial.Path)} ({action})";
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new VendorApiException(shown, $"cannot reach the API: {ex.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var code = TryErrorType(text);
                var refused = status == 403 || code is "UnrecognizedClientException" or "InvalidSignatureException" or "AccessDeniedException" or "ExpiredTokenException";
                throw new VendorApiException(shown, refused
                    ? $"authentication failed: {code ?? "refused"} ({status})"
                    : $"the API answered {status}{(code is null ? string.Empty : " " + code)}", status);
            }

            try
            {
                return JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new VendorApiException(shown, $"the answer is not JSON: {ex.Message}");
            }
        }
    }

    private static string? TryErrorType(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var type = doc.RootElement.Str("__type");
            return type?[(type.LastIndexOf('#') + 1)..];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
