using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Reporting;
using SparkOptimizer.Testing;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Reporting;

/// <summary>Every log of the corpus gets a Cost line with a figure, and the text, Markdown and JSON reports agree on it.</summary>
public sealed partial class CostLineCorpusTests
{
    [Fact]
    public void Write_EveryCorpusLog_CostLineCarriesAFigureThatMarkdownAndJsonAgreeWith()
    {
        var pipeline = new AnalysisPipeline();
        var problems = new List<string>();
        var checkedEntries = 0;
        var entries = Entries(Corpus.EventLogs).ToList();
        foreach (var entry in entries)
        {
            var runs = RunsOf(entry);
            checkedEntries += runs.Count > 0 ? 1 : 0;
            foreach (var run in runs)
            {
                var report = pipeline.Analyze(run);
                var text = TextReportWriter.Write(report);
                var line = CostLine().Match(text);
                if (!line.Success || !Figure().IsMatch(line.Value))
                {
                    problems.Add($"{entry}: Cost line without a figure: '{(line.Success ? line.Value : "(none)")}'");
                    continue;
                }

                var shown = line.Value["Cost: ".Length..];
                if (!MarkdownReportWriter.Write(report).Contains($"| Cost | {shown.Replace("|", "\\|", StringComparison.Ordinal)} |", StringComparison.Ordinal))
                {
                    problems.Add($"{entry}: the Markdown Cost row differs from '{shown}'");
                }

                using var json = JsonDocument.Parse(JsonReportWriter.ToJson(report));
                var perRun = json.RootElement.GetProperty("cost").GetProperty("perRun");
                var money = Money().Match(shown);
                var agrees = money.Success
                    ? perRun.ValueKind == JsonValueKind.Number && perRun.GetDecimal() == decimal.Parse(money.Groups[1].Value, CultureInfo.InvariantCulture)
                    : perRun.ValueKind == JsonValueKind.Null;
                if (!agrees)
                {
                    problems.Add($"{entry}: JSON cost.perRun {perRun} against the text's '{shown}'");
                }
            }
        }

        problems.Should().BeEmpty();
        entries.Should().HaveCountGreaterThan(70);
        checkedEntries.Should().BeGreaterThan(entries.Count * 9 / 10, "nearly every entry of the corpus is an event log");
    }

    /// <summary>The corpus entries as /work/shared/expert/check.py's corpus() walks them: rolled folders whole, every other file but Markdown.</summary>
    private static IEnumerable<string> Entries(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
            {
                var rolled = Path.GetFileName(sub).StartsWith("eventlog_v2_", StringComparison.Ordinal)
                    || Directory.GetFiles(sub).Any(f => Path.GetFileName(f).StartsWith("eventlog-", StringComparison.Ordinal));
                if (rolled)
                {
                    yield return Path.GetRelativePath(root, sub);
                }
                else
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.GetFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                yield return Path.GetRelativePath(root, file);
            }
        }
    }

    /// <summary>The runs of one entry: from the shared, already-read corpus, else read here; none when it is not an event log.</summary>
    private static List<SparkRun> RunsOf(string entry)
    {
        var full = Path.GetFullPath(Path.Combine(Corpus.EventLogs, entry));
        var known = CorpusRuns.All
            .Where(r => r.Path == full || r.Path.StartsWith(full + "!", StringComparison.Ordinal) || r.Path.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(r => r.Run).ToList();
        if (known.Count > 0)
        {
            return known;
        }

        var runs = new List<SparkRun>();
        foreach (var input in new LocalEventLogLocator().Locate(full).Where(i => i.Parts.Count > 0))
        {
            try
            {
                runs.Add(new EventLogReader().Read(input));
            }
            catch (EventLogFormatException)
            {
                // Not an event log (a driver log, random bytes): the CLI reports it as unreadable, with no report.
            }
        }

        return runs;
    }

    // The checker's rule (check.py): ^Cost: .*(\$[0-9]|[0-9.]+ *(core|executor)[- ]?h)
    [GeneratedRegex(@"^Cost: .*$", RegexOptions.Multiline)]
    private static partial Regex CostLine();

    [GeneratedRegex(@"^Cost: .*(\$[0-9]|[0-9.]+ *(core|executor)[- ]?h)")]
    private static partial Regex Figure();

    [GeneratedRegex(@"^\$([0-9][0-9,]*\.[0-9]+) ")]
    private static partial Regex Money();
}
