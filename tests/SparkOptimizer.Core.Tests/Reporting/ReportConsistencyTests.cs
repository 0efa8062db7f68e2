using System.Globalization;
using System.Text.Json;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Reporting;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Reporting;

/// <summary>
/// A report never contradicts itself, on every corpus log: text and Markdown say what the JSON says (every finding's
/// title, evidence, recommendations, expectation and "would not help", the cost and the changes), "... and N more"
/// counts right, one value per key across findings, sizing and the change list, one partition count per stage, no change to today's value, and a
/// list-like value (extraJavaOptions) keeps every flag it does not change.
/// </summary>
public sealed class ReportConsistencyTests
{
    private const int TextEvidenceLines = 6;

    public static TheoryData<string> Logs()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in CorpusRuns.All)
        {
            data.Add(path);
        }

        return data;
    }

    private static RunReport Report(string path) => new AnalysisPipeline().Analyze(CorpusRuns.All.First(r => r.Path == path).Run);

    [Theory]
    [MemberData(nameof(Logs))]
    public void TextAndMarkdown_SayWhatTheJsonSays(string path)
    {
        var report = Report(path);
        using var json = JsonDocument.Parse(JsonReportWriter.ToJson(report));
        var text = TextReportWriter.Write(report);
        var markdown = MarkdownReportWriter.Write(report);
        var root = json.RootElement;

        foreach (var f in root.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("severity").GetString() != "none"))
        {
            var id = f.GetProperty("id").GetString();
            text.Should().Contain($". {f.GetProperty("title").GetString()}\n", $"{id} on {path}");
            markdown.Should().Contain(Md.Html(f.GetProperty("title").GetString()!), $"{id} on {path}");
            var evidence = f.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("display").GetString()!).ToArray();
            foreach (var e in evidence.Take(TextEvidenceLines))
            {
                text.Should().Contain($"   - {e}\n", $"{id} on {path}");
            }

            foreach (var e in evidence)
            {
                markdown.Should().Contain($"- {Md.Cell(e)}", $"{id} on {path}");
            }

            if (evidence.Length > TextEvidenceLines)
            {
                text.Should().Contain($"   - ... and {evidence.Length - TextEvidenceLines} more\n", $"{id} on {path}");
            }

            foreach (var r in f.GetProperty("recommendations").EnumerateArray())
            {
                text.Should().Contain($"   - Recommendation: {r.GetProperty("text").GetString()}\n", $"{id} on {path}");
                markdown.Should().Contain($"- {Md.Cell(r.GetProperty("text").GetString()!)}", $"{id} on {path}");
            }

            if (f.GetProperty("expectedImprovement").GetString() is { } expected)
            {
                text.Should().Contain($"   - Expected Improvement: {expected}\n", $"{id} on {path}");
                markdown.Should().Contain($"**Expected improvement:** {Md.Cell(expected)}", $"{id} on {path}");
            }

            if (f.GetProperty("whatWouldNotHelp").GetString() is { } no)
            {
                text.Should().Contain($"   - Would Not Help: {no}\n", $"{id} on {path}");
            }
        }

        var changes = root.GetProperty("configChanges").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").ToArray();
        var textChanges = text[(text.IndexOf("CONFIGURATION CHANGES:\n", StringComparison.Ordinal) + "CONFIGURATION CHANGES:\n".Length)..]
            .Split('\n').TakeWhile(l => l.Length > 0).Where(l => l != "(none)").ToArray();
        textChanges.Should().Equal(changes, path);
        foreach (var change in changes)
        {
            markdown.Should().Contain($"+ {change}\n", path);
        }

        var cost = root.GetProperty("cost");
        if (cost.GetProperty("perRun").ValueKind == JsonValueKind.Number && report.Cost is { } c)
        {
            text.Should().Contain($"Cost: {c.Format(cost.GetProperty("perRun").GetDecimal())}", path);
            if (cost.TryGetProperty("recommendedPerRun", out var recommended))
            {
                text.Should().Contain($" = {c.Format(recommended.GetDecimal())}/run", path);
                if (cost.GetProperty("savingsPerRun").ValueKind == JsonValueKind.Number)
                {
                    var saved = cost.GetProperty("savingsPerRun").GetDecimal();
                    text.Should().Contain($"Savings: {c.Format(saved)}/run", path);
                    (cost.GetProperty("recommendedHigh").GetDecimal() < cost.GetProperty("perRun").GetDecimal()).Should().BeTrue($"a saving is claimed only below today's cost on {path}");
                }
                else
                {
                    text.Should().Contain("Savings: none claimed", path);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void EveryKey_HasOneValueAcrossFindingsSizingAndChanges(string path)
    {
        var report = Report(path);
        var byKey = report.ConfigChanges.ToDictionary(c => c.Key, StringComparer.Ordinal);
        report.ConfigChanges.Select(c => c.Key).Should().OnlyHaveUniqueItems(path);
        foreach (var change in report.ConfigChanges)
        {
            SparkOptimizer.Recommendation.ConfValue.Same(change.From, change.To).Should().BeFalse($"{change.Key}={change.To} is today's value on {path}");
        }

        foreach (var rec in report.Findings.SelectMany(f => f.Recommendations).Where(r => r.Change is not null))
        {
            byKey.Should().ContainKey(rec.Change!.Key, $"a finding on {path} shows a change the list does not carry");
            byKey[rec.Change.Key].To.Should().Be(rec.Change.To, $"{rec.Change.Key} on {path}");
        }

        foreach (var stage in report.Findings.SelectMany(f => f.Recommendations).Where(r => r is { StageId: not null, Partitions: not null }).GroupBy(r => r.StageId))
        {
            stage.Select(r => r.Partitions).Distinct().Should().ContainSingle($"stage {stage.Key} on {path} is asked for one partition count");
        }

        if (report.Sizing is { } sizing)
        {
            var memoryKey = report.Usage.LocalMode ? "spark.driver.memory" : "spark.executor.memory";
            long Heap(string key) => byKey.TryGetValue(key, out var c) && ByteSize.TryParse(c.To, out var b, ByteSize.MiB) ? b.Bytes : sizing.Current.HeapBytes;
            int Int(string key, int today) => byKey.TryGetValue(key, out var c) ? int.Parse(c.To, CultureInfo.InvariantCulture) : today;
            sizing.Proposed.HeapBytes.Should().Be(Heap(memoryKey), $"the sizing's heap on {path}");
            sizing.Proposed.Cores.Should().Be(Int("spark.executor.cores", sizing.Current.Cores), $"the sizing's cores on {path}");
            if (byKey.ContainsKey("spark.executor.instances") || sizing.Proposed.Instances is not null)
            {
                sizing.Proposed.Instances.Should().Be(byKey.TryGetValue("spark.executor.instances", out var n) ? int.Parse(n.To, CultureInfo.InvariantCulture) : sizing.Current.Instances, $"the sizing's instances on {path}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void ListLikeValues_KeepEveryFlagTheyDoNotChange(string path)
    {
        var report = Report(path);
        foreach (var change in report.ConfigChanges.Where(c => c.Key.EndsWith("JavaOptions", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(c.From)))
        {
            var after = Flags(change.To);
            foreach (var (name, flag) in Flags(change.From!))
            {
                if (!after.ContainsKey(name))
                {
                    change.To.Should().Contain(flag, $"{change.Key} on {path} dropped {flag}");
                }
            }
        }
    }

    // A flag's name: -XX:+UseG1GC and -XX:-UseG1GC are one flag, -XX:G1HeapRegionSize=16m is G1HeapRegionSize, -Dkey=value is key.
    private static Dictionary<string, string> Flags(string options)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in options.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.StartsWith("-XX:", StringComparison.Ordinal) ? token[4..].TrimStart('+', '-').Split('=')[0] : token.Split('=')[0];
            flags[name] = token;
        }

        return flags;
    }

    private static class Md
    {
        public static string Html(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        public static string Cell(string text) => Html(text.ReplaceLineEndings(" ")).Replace("|", "\\|", StringComparison.Ordinal);
    }
}
