using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Publishing.GitHub;

/// <summary>
/// The machine-readable part of a pull request body, hidden in an HTML comment:
/// <c>&lt;!-- sparkoptimizer: {"fingerprint": ..., "app": ..., "changes": [...]} --&gt;</c>.
/// </summary>
public sealed partial record PullRequestMetadata(
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("changes")] IReadOnlyList<PullRequestMetadata.Change> Changes)
{
    public sealed record Change([property: JsonPropertyName("key")] string Key, [property: JsonPropertyName("to")] string To);

    private const int MaxReportChars = 50_000;

    public string ToComment() => $"<!-- {PublishingDefaults.MetadataMarker} {JsonSerializer.Serialize(this).Replace("--", "\\u002d\\u002d", StringComparison.Ordinal)} -->";

    public static PullRequestMetadata? Parse(string? body)
    {
        if (body is null)
        {
            return null;
        }

        // The last comment is ours: we append it after the report, which could quote one.
        var match = CommentPattern().Matches(body).LastOrDefault();
        if (match is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PullRequestMetadata>(match.Groups[1].Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Title(ManifestChangeSet changeSet) =>
        $"Spark Optimizer: tune {changeSet.App.Namespace}/{changeSet.App.Name} ({changeSet.Changes.Count} {(changeSet.Changes.Count == 1 ? "change" : "changes")})";

    /// <summary>The body: the Markdown report, the exact edits, how to give feedback, and the hidden metadata.</summary>
    public static string Body(ManifestChangeSet changeSet, string manifestPath, IReadOnlyList<AppliedEdit> edits)
    {
        var report = changeSet.ReportMarkdown.TrimEnd();
        if (report.Length > MaxReportChars)
        {
            // GitHub caps a body at 65,536 characters; the edits and the metadata must survive.
            report = report[..MaxReportChars] + "\n\n_(report truncated; the full report is on the SparkOptimization status)_";
        }

        var sb = new StringBuilder();
        sb.Append(report).Append("\n\n");
        sb.Append("### Changes to `").Append(manifestPath).Append("`\n\n| field | from | to | why |\n|---|---|---|---|\n");
        foreach (var edit in edits)
        {
            sb.Append("| `").Append(edit.Field).Append("` | ").Append(edit.From is null ? "(unset)" : $"`{edit.From}`").Append(" | ").Append(edit.To.Length == 0 ? "(removed)" : $"`{edit.To}`").Append(" | ")
                .Append(edit.Reason.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ")).Append(" |\n");
        }

        sb.Append("\n### Feedback\n")
            .Append("- Merge to apply; the next runs are compared with the prediction.\n")
            .Append("- Close without merging to reject: this change set will not be proposed again.\n")
            .Append("- Push to this branch to take it over: Spark Optimizer stops updating it.\n\n");
        var metadata = new PullRequestMetadata(changeSet.Fingerprint, $"{changeSet.App.Kind}/{changeSet.App.Namespace}/{changeSet.App.Name}",
            changeSet.Changes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new Change(c.Key, c.To)).ToList());
        return sb.Append(metadata.ToComment()).Append('\n').ToString();
    }

    [GeneratedRegex(@"<!--\s*sparkoptimizer:\s*(\{.*?\})\s*-->", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();
}
