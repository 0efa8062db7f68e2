using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static SparkOptimizer.Tests.Expert.JsonValues;
using static SparkOptimizer.Tests.Expert.ReportFindings;

namespace SparkOptimizer.Tests.Expert;

/// <summary>Whether one expert check holds on a JSON report, with the semantics of check.py's check().</summary>
internal static class ExpertCheckEvaluator
{
    private static readonly Regex LeadingNumber = new(@"^\s*([0-9.]+)", RegexOptions.CultureInvariant);

    public static bool Holds(JsonNode doc, ExpertCheck check, IReadOnlyDictionary<string, IReadOnlyList<string>> kinds)
    {
        var args = check.Arguments;
        return check.Name switch
        {
            "finding" => Select(doc, args, kinds).Count > 0,
            "noFinding" => Select(doc, args, kinds).Count == 0,
            "atMostFindings" => OfKind(doc, Field(args, "kind")!.GetValue<string>(), kinds).Count <= Number(Field(args, "count")),
            "noChange" => !Changes(doc).ContainsKey(Field(args, "key")!.GetValue<string>()),
            "noChangeBelow" => NotChangedBelow(doc, Field(args, "key")!.GetValue<string>(), Number(Field(args, "value"))!.Value),
            "costKnown" => Truthy(Field(doc, "cost")) && Field(Field(doc, "cost"), "perRun") is not null,
            "recommendationMentions" => RecommendationMentions(doc, args, kinds),
            "noTextInFinding" => !Select(doc, args, kinds).Any(f => Texts(f, Field(args, "field")!.GetValue<string>()).Any(Pattern(args).IsMatch)),
            _ => throw new InvalidDataException($"unknown check {check.Name}"),
        };
    }

    private static Regex Pattern(JsonNode? args) =>
        new(Field(args, "regex")!.GetValue<string>(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static bool NotChangedBelow(JsonNode doc, string key, double value)
    {
        if (!Changes(doc).TryGetValue(key, out var to) || to is null)
        {
            return true;
        }

        // Python's str(v): a string as it is, a number as its literal.
        var match = LeadingNumber.Match(to is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : to.ToJsonString());
        return match.Success && double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= value;
    }

    private static bool RecommendationMentions(JsonNode doc, JsonNode? args, IReadOnlyDictionary<string, IReadOnlyList<string>> kinds)
    {
        var pattern = Pattern(args);
        var kind = Field(args, "kindOfRecommendation");
        foreach (var finding in Select(doc, args, kinds))
        {
            foreach (var recommendation in Items(Field(finding, "recommendations")))
            {
                if (Truthy(kind) && Text(Field(recommendation, "kind")) != Text(kind))
                {
                    continue;
                }

                var change = Field(recommendation, "change");
                if (pattern.IsMatch(Text(Field(recommendation, "text")))
                    || pattern.IsMatch($"{Text(Field(change, "key"))}={Text(Field(change, "to"))}"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The texts of a finding a noTextInFinding check reads: one field, or with "any" every text a reader sees.</summary>
    private static IEnumerable<string> Texts(JsonNode finding, string field)
    {
        if (field != "any")
        {
            return [Text(Field(finding, field))];
        }

        return new[] { "title", "explanation", "expectedImprovement", "whatWouldNotHelp" }.Select(k => Text(Field(finding, k)))
            .Concat(Items(Field(finding, "recommendations")).Select(r => Text(Field(r, "text"))))
            .Concat(Items(Field(finding, "evidence")).Select(e => Text(Field(e, "display"))));
    }
}
