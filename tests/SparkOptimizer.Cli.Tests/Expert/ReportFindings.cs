using System.Text.Json.Nodes;
using static SparkOptimizer.Tests.Expert.JsonValues;

namespace SparkOptimizer.Tests.Expert;

/// <summary>check.py's queries over a JSON report: kinds by words, stages named, severity order, the merged changes.</summary>
internal static class ReportFindings
{
    private static readonly string[] SeverityOrder = ["none", "low", "moderate", "severe", "critical"];

    public static int SeverityIndex(string severity) =>
        Array.IndexOf(SeverityOrder, severity) is var i and >= 0 ? i : throw new InvalidDataException($"unknown severity '{severity}'");

    /// <summary>A finding's severity in the order none &lt; low &lt; moderate &lt; severe &lt; critical ("none" when absent).</summary>
    public static int SeverityOf(JsonNode finding) =>
        SeverityIndex(Has(finding, "severity") ? Field(finding, "severity")?.GetValue<string>() ?? "null" : "none");

    /// <summary>Category, id and title, lower case: a finding is of a kind when one of the kind's words appears here.</summary>
    public static string Words(JsonNode finding) =>
        string.Join(' ', Text(Field(finding, "category")), Text(Field(finding, "id")), Text(Field(finding, "title"))).ToLowerInvariant();

    public static IEnumerable<JsonNode> Findings(JsonNode doc) => Items(Field(doc, "findings")).OfType<JsonNode>();

    public static List<JsonNode> OfKind(JsonNode doc, string? kind, IReadOnlyDictionary<string, IReadOnlyList<string>> kinds)
    {
        if (kind is null)
        {
            return Findings(doc).ToList();
        }

        var words = kinds.TryGetValue(kind, out var w) ? w : throw new InvalidDataException($"unknown kind '{kind}'");
        return Findings(doc).Where(f => Words(f) is var text && words.Any(text.Contains)).ToList();
    }

    public static bool NamesStage(JsonNode finding, double stage) =>
        Items(Field(finding, "stageIds")).Any(s => Number(s) == stage)
        || Items(Field(finding, "evidence")).Any(e => Number(Field(e, "stageId")) == stage);

    /// <summary>The findings a check's arguments select: kind, then stage, then severity bounds.</summary>
    public static List<JsonNode> Select(JsonNode doc, JsonNode? args, IReadOnlyDictionary<string, IReadOnlyList<string>> kinds)
    {
        var found = OfKind(doc, Field(args, "kind")?.GetValue<string>(), kinds);
        if (Has(args, "stage"))
        {
            var stage = Number(Field(args, "stage"));
            found = found.Where(f => stage is { } s && NamesStage(f, s)).ToList();
        }

        if (Has(args, "severityAtLeast"))
        {
            var least = SeverityIndex(Field(args, "severityAtLeast")!.GetValue<string>());
            found = found.Where(f => SeverityOf(f) >= least).ToList();
        }

        if (Has(args, "severityAtMost"))
        {
            var most = SeverityIndex(Field(args, "severityAtMost")!.GetValue<string>());
            found = found.Where(f => SeverityOf(f) <= most).ToList();
        }

        return found;
    }

    /// <summary>configChanges, then each recommendation's change for a key not there yet (a null "to" still names the key).</summary>
    public static Dictionary<string, JsonNode?> Changes(JsonNode doc)
    {
        var changes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (Field(doc, "configChanges") is JsonObject config)
        {
            foreach (var (key, value) in config)
            {
                changes[key] = value;
            }
        }

        foreach (var finding in Findings(doc))
        {
            foreach (var recommendation in Items(Field(finding, "recommendations")))
            {
                var change = Field(recommendation, "change");
                if (Truthy(Field(change, "key")))
                {
                    changes.TryAdd(Text(Field(change, "key")), Field(change, "to"));
                }
            }
        }

        return changes;
    }
}
