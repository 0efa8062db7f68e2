using SparkOptimizer.Analysis;
using SparkOptimizer.Ingest;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Pipeline;

/// <summary>Read, analyse, recommend: the whole engine behind the CLI, the operator and the dashboard.</summary>
public sealed class AnalysisPipeline(string? thresholdsFile = null, EventLogReadOptions? readOptions = null)
{
    private readonly EventLogReader _reader = new(readOptions);
    private readonly Thresholds _thresholds = thresholdsFile is null ? Thresholds.Default : ThresholdsLoader.Load(thresholdsFile);

    public RunReport Analyze(EventLogInput input, CancellationToken cancellationToken = default)
    {
        return Analyze(_reader.Read(input, cancellationToken));
    }

    /// <summary>Analyses a run already read, e.g. the snapshot of a log that is still being followed.</summary>
    public RunReport Analyze(Model.SparkRun run)
    {
        var (findings, warnings) = new RunAnalyzer(RunAnalyzer.DefaultAnalyzers).Analyze(run, _thresholds);
        var changes = findings.SelectMany(f => f.Recommendations).Select(r => r.Change).OfType<ConfigChange>()
            .GroupBy(c => c.Key, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        return new RunReport(run, findings, changes, warnings);
    }
}
