using System.Net.Http.Headers;
using System.Text.Json;

namespace SparkOptimizer.Ingest.Vendors;

/// <summary>The one GET-JSON-with-bearer-token call the vendor clients share, with errors that name the URL and status only.</summary>
internal static class VendorHttp
{
    public static async Task<JsonDocument> GetJsonAsync(HttpClient http, Uri url, string? bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var shown = url.GetLeftPart(UriPartial.Path);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new VendorApiException(shown, $"cannot reach the API: {ex.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var problem = status switch
                {
                    401 or 403 => "authentication failed: the token was refused",
                    404 => "not found",
                    _ => $"the API answered {status}",
                };
                throw new VendorApiException(shown, $"{problem} ({status})", status);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new VendorApiException(shown, $"the answer is not JSON: {ex.Message}");
            }
        }
    }

    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long? Long(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    public static JsonElement Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static Dictionary<string, string> StringMap(this JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
