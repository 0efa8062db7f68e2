using SparkOptimizer.Analysis;
using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
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

    public AnalysisPipeline(Thresholds thresholds, EventLogReadOptions? readOptions = null, IImpactEstimator? estimator = null, RecommendationOptions? options = null, CostOptions? costOptions = null)
    {
        _reader = new EventLogReader(readOptions);
        _thresholds = thresholds;
        _estimator = estimator ?? new SimulatorImpactEstimator();
        _options = options ?? RecommendationOptions.Default;
        _costOptions = costOptions ?? new CostOptions();
    }

    private readonly CostOptions _costOptions;

    /// <summary>The app's SLA: when set, the executor count and size are the cheapest the simulator predicts will meet it.</summary>
    public TimeSpan? Sla { get; init; }

    public RunReport Analyze(EventLogInput input, CancellationToken cancellationToken = default) => Analyze(_reader.Read(input, cancellationToken));

    /// <summary>Analyse a run already read (the operator and tests build runs themselves).</summary>
    public RunReport Analyze(SparkRun run)
    {
        var (findings, warnings) = new RunAnalyzer(RunAnalyzer.DefaultAnalyzers).Analyze(run, _thresholds);
        var result = new Recommender(_thresholds, _estimator, _options).Recommend(run, findings);
        var (changes, simulatorNotes) = SimulatorCheck.Apply(run, result.Changes, Sla, _costOptions.InstanceType ?? run.Vendor.InstanceType);
        var report = new RunReport(run, result.Findings, changes, warnings)
        {
            Sizing = result.Sizing,
            RecommendationNotes = [.. result.Notes, .. simulatorNotes],
        };
        try
        {
            var cost = CostModel.Price(run, _costOptions);
            return report with { Cost = ReportCostBuilder.Build(run, cost, changes, _costOptions), CostDetails = cost };
        }
#pragma warning disable CA1031 // pricing adds to a report; a pricing failure must not lose the findings
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return report with { AnalysisWarnings = [.. warnings, $"pricing failed: {ex.GetType().Name}: {ex.Message}"] };
        }
    }
}
