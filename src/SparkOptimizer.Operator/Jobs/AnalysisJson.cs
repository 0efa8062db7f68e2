using System.Text.Json;
using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// How a request reaches an analysis Job and its result comes back: the request as JSON in an environment variable, the result
/// as one marked line of JSON on stdout (the pod's log also carries stderr, so the marker finds it among log lines).
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

    public static string ResultLine(AnalysedRun result) => ResultMarker + JsonSerializer.Serialize(result, Options);

    /// <summary>The result on the last marked line of a pod log; null when there is none.</summary>
    public static AnalysedRun? FindResult(string log)
    {
        var at = log.LastIndexOf(ResultMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + ResultMarker.Length;
        var end = log.IndexOf('\n', start);
        var json = end < 0 ? log[start..] : log[start..end];
        return JsonSerializer.Deserialize<AnalysedRun>(json.TrimEnd('\r'), Options);
    }
}
