using System.Text.Json.Nodes;

namespace SparkOptimizer.Tests.Expert;

/// <summary>
/// One corpus log's reports: the JSON one (the first application when there are several; null when the CLI printed no
/// JSON, as for a file that is not an event log), the text one, and the error that stopped the analysis, if any.
/// </summary>
internal sealed record AnalyzedLog(string Log, JsonNode? Doc, string Text, string? Error);
