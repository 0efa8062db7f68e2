using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SparkOptimizer.Ingest.Vendors;

/// <summary>
/// AWS Signature Version 4 for a request with no query string, as the JSON-protocol services (EMR) take them.
/// Checked against the get-vanilla vector of AWS's published SigV4 test suite.
/// </summary>
internal static class AwsSigV4
{
    public static string Authorization(
        string method, string path, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body,
        string accessKey, string secretKey, string region, string service, DateTimeOffset time)
    {
        var date = time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var stamp = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var canonicalHeaders = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(' ', h.Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToArray();
        var signedHeaders = string.Join(';', canonicalHeaders.Select(h => h.Name));
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(path).Append('\n')
            .Append('\n')
            .Append(string.Concat(canonicalHeaders.Select(h => $"{h.Name}:{h.Value}\n"))).Append('\n')
            .Append(signedHeaders).Append('\n')
            .Append(Hex(SHA256.HashData(body)))
            .ToString();
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{stamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, toSign));
        return $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
