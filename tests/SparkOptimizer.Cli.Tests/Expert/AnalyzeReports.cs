using SparkOptimizer.Cli;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Model;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Tests.Expert;

/// <summary>
/// What `spark-optimizer analyze PATH --format json` and `analyze PATH` print for one path, from one analysis: the
/// steps of AnalyzeCommand.Execute for a single path without options (resolve, a fresh pipeline, analyse each readable
/// input, ReportOutput for both formats). A test holds this equal to the CLI's own output.
/// </summary>
internal static class AnalyzeReports
{
    /// <summary>AnalyzeCommand's: past this many logs in one input, reports keep only what the writers print.</summary>
    private const int SlimAbove = 20;

    public static (string Json, string Text) Of(string path)
    {
        var pipeline = PipelineFactory.Create(null, TextWriter.Null) ?? throw new InvalidOperationException("no analysis pipeline");
        IReadOnlyList<EventLogInput> inputs;
        try
        {
            inputs = EventLogSourceResolver.Resolve(path, new SourceOptions());
        }
        catch (EventLogFormatException)
        {
            return ("", "");
        }

        var warnings = inputs.Where(i => i.Parts.Count == 0).SelectMany(i => i.Warnings).ToList();
        var readable = inputs.Where(i => i.Parts.Count > 0).ToArray();
        var reports = new List<RunReport>();
        foreach (var input in readable)
        {
            try
            {
                var report = pipeline.Analyze(input);
                reports.Add(readable.Length > SlimAbove ? report.Slim() : report);
            }
            catch (EventLogFormatException)
            {
                // The CLI prints an error for this input and goes on with the others.
            }
        }

        // With no report the CLI writes nothing to standard output, in either format.
        return reports.Count == 0 ? ("", "") : (Render(reports, warnings, OutputFormat.Json), Render(reports, warnings, OutputFormat.Text));
    }

    private static string Render(IReadOnlyList<RunReport> reports, IReadOnlyList<IngestWarning> warnings, OutputFormat format)
    {
        using var stdout = new StringWriter();
        ReportOutput.Write(reports, warnings, [], format, null, stdout);
        return stdout.ToString();
    }
}
