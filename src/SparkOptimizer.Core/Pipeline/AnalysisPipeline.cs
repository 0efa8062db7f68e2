using SparkOptimizer.Analysis;
using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Recommendation;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Pipeline;

/// <summary>Read, analyse, recommend: the whole engine behind the CLI, the operator and the dashboard.</summary>
public sealed class AnalysisPipeline
{
    private readonly EventLogReader _reader;
    private readonly Thresholds _thresholds;
    private readonly IImpactEstimator? _estimator;
    private readonly RecommendationOptions _options;

    public AnalysisPipeline(string? thresholdsFile = null, EventLogReadOptions? readOptions = null)
        : this(thresholdsFile is null ? Thresholds.Default : ThresholdsLoader.Load(thresholdsFile), readOptions)
    {
    }

    public AnalysisPipeline(Thresholds thresholds, EventLogReadOptions? readOptions = null, IImpactEstimator? estimator = null, RecommendationOptions? options = null)
    {
        _reader = new EventLogReader(readOptions);
        _thresholds = thresholds;
        _estimator = estimator;
        _options = options ?? RecommendationOptions.Default;
    }

    public RunReport Analyze(EventLogInput input, CancellationToken cancellationToken = default) => Analyze(_reader.Read(input, cancellationToken));

    /// <summary>Analyse a run already read (the operator and tests build runs themselves).</summary>
    public RunReport Analyze(SparkRun run)
    {
        var (findings, warnings) = new RunAnalyzer(RunAnalyzer.DefaultAnalyzers).Analyze(run, _thresholds);
        var result = new Recommender(_thresholds, _estimator, _options).Recommend(run, findings);
        return new RunReport(run, result.Findings, result.Changes, warnings)
        {
            Sizing = result.Sizing,
            RecommendationNotes = result.Notes,
        };
    }
}
