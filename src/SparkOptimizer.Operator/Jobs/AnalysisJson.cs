using System.Text.Json;
using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// How a request reaches an analysis Job and its result comes back: the request as JSON in an environment variable, the result
/// as one line of JSON on stdout marked with the request's nonce (the pod's log also carries stderr, so the marker finds it among
/// log lines, and the nonce tells it from any other line that prints the marker).
/// </summary>
public static class AnalysisJson
{
    public const string RequestVariable = "SPARKOPTIMIZER_ANALYSIS_REQUEST";
    public const string ResultMarker = "SPARKOPTIMIZER_RESULT ";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(AnalysisRequest request) => JsonSerializer.Serialize(request, Options);

    public static AnalysisRequest ReadRequest(string json) =>
        JsonSerializer.Deserialize<AnalysisRequest>(json, Options) ?? throw new JsonException("empty analysis request");

    /// <summary>The result line: the marker, the request's nonce, then the result as JSON.</summary>
    public static string ResultLine(AnalysedRun result, string nonce) => $"{ResultMarker}{nonce} {JsonSerializer.Serialize(result, Options)}";

    /// <summary>
    /// The result on the last line of a pod log that starts with the marker and this request's nonce; null when there is none (or
    /// without a nonce). Lines that merely contain the marker, or carry another nonce, do not count.
    /// </summary>
    public static AnalysedRun? FindResult(string log, string? nonce)
    {
        if (string.IsNullOrEmpty(nonce))
        {
            return null;
        }

        var prefix = $"{ResultMarker}{nonce} ";
        string? json = null;
        foreach (var line in log.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                json = line[prefix.Length..].TrimEnd('\r');
            }
        }

        return json is null ? null : JsonSerializer.Deserialize<AnalysedRun>(json, Options);
    }
}
