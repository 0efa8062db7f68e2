using System.Diagnostics;
using SparkOptimizer.Testing;
using Xunit.Abstractions;

namespace SparkOptimizer.Tests.Expert;

/// <summary>
/// An independent Spark expert's judgements on corpus logs (tests/expert), run with the semantics of the expert's
/// check.py on the reports `analyze LOG --format json` and `analyze LOG` print; and check.py's consistency rules on every log.
/// </summary>
public sealed class ExpertCasesTests(ITestOutputHelper output)
{
    private static string ExpertFile(string name) => Path.Combine(Repository.Root, "tests", "expert", name);

    [Theory]
    [Trait("Category", "Expert")]
    [InlineData("cases.json")]
    [InlineData("own-cases.json")]
    public void ExpertCases_EveryCheckOfTheFile_Holds(string file)
    {
        var spec = ExpertSpec.Load(ExpertFile(file));
        var clock = Stopwatch.StartNew();
        var logs = AnalyzedLogs.Get(spec.Cases.Select(c => c.Path));
        var failing = new List<string>();
        var total = 0;
        foreach (var expertCase in spec.Cases)
        {
            var doc = logs[expertCase.Path].Doc;
            foreach (var check in expertCase.Checks)
            {
                total++;
                if (doc is null || !ExpertCheckEvaluator.Holds(doc, check, spec.Kinds))
                {
                    failing.Add($"{expertCase.Path}: {check.Name} ({check.Why})");
                }
            }
        }

        output.WriteLine($"expert cases: {total - failing.Count}/{total} checks hold on {spec.Cases.Count} logs ({file}; logs analysed in {clock.Elapsed.TotalSeconds:0.0} s)");
        WriteErrors(logs.Values);
        failing.ForEach(f => output.WriteLine($"case: {f}"));
        failing.Should().BeEmpty("every expert check should hold ({0}/{1} do; each failing one is listed with its 'why' above)", total - failing.Count, total);
    }

    [Fact]
    [Trait("Category", "Expert")]
    public void Consistency_EveryCorpusLog_ReportContradictsNeitherTheRunNorItself()
    {
        var kinds = ExpertSpec.Load(ExpertFile("cases.json")).Kinds;
        var clock = Stopwatch.StartNew();
        var all = CorpusLogs.All(Corpus.EventLogs);
        var logs = AnalyzedLogs.Get(all);
        var problems = all.Select(l => logs[l]).Where(l => l.Doc is not null)
            .SelectMany(l => ConsistencyRules.Problems(l.Log, l.Doc!, l.Text, kinds)).ToList();

        output.WriteLine($"consistency: {problems.Count} problems over {all.Count} reports (logs analysed in {clock.Elapsed.TotalSeconds:0.0} s)");
        WriteErrors(logs.Values);
        problems.ForEach(p => output.WriteLine($"consistency: {p}"));
        problems.Should().BeEmpty("no report should contradict its run or itself ({0} problems, listed above)", problems.Count);
    }

    [Fact]
    public void AnalyzeReports_OneLogInProcess_EqualWhatTheCliPrints()
    {
        foreach (var log in new[] { "sparklint/spark_event_log_example", "mcp-apache-spark-history-server/events/eventlog_v2_spark-bcec39f6201b42b9925124595baad260" })
        {
            var path = Corpus.Path(log);
            var (json, text) = AnalyzeReports.Of(path);

            json.Should().Be(CliRunner.Run("analyze", path, "--format", "json").Stdout, log);
            text.Should().Be(CliRunner.Run("analyze", path).Stdout, log);
        }
    }

    private void WriteErrors(IEnumerable<AnalyzedLog> logs)
    {
        foreach (var log in logs.Where(l => l.Error is not null))
        {
            output.WriteLine($"analysis failed (no report, as the CLI would print none): {log.Log}: {log.Error}");
        }
    }
}
