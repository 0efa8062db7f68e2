using SparkOptimizer.Analysis;
using SparkOptimizer.Forecasting;
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
    private readonly RecommendationOptions _options;

    public AnalysisPipeline(string? thresholdsFile = null, EventLogReadOptions? readOptions = null)
        : this(thresholdsFile is null ? Thresholds.Default : ThresholdsLoader.Load(thresholdsFile), readOptions)
    {
    }

    public AnalysisPipeline(Thresholds thresholds, EventLogReadOptions? readOptions = null, RecommendationOptions? options = null, CostOptions? costOptions = null)
    {
        _reader = new EventLogReader(readOptions);
        _thresholds = thresholds;
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
        var context = new AnalysisContext(run, _thresholds);
        var (findings, warnings) = new RunAnalyzer(RunAnalyzer.DefaultAnalyzers).Analyze(context);
        var result = new Recommender(_thresholds, _options).Recommend(run, findings);
        var session = SimulatorCheck.Prepare(run);
        var (changes, simulatorNotes) = SimulatorCheck.Apply(session, result.Changes, Sla, _costOptions.InstanceType ?? run.Vendor.InstanceType);
        var forecaster = new FindingForecaster(run, session, context.Levers);
        var forecast = AppliedChanges.Keep(result.Findings, changes, simulatorNotes).Select(forecaster.Forecast).ToArray();
        var report = new RunReport(run, StakeSeverity.Apply(forecast, _thresholds, run, context.Facts), changes, warnings)
        {
            Sizing = result.Sizing,
            RecommendationNotes = [.. result.Notes, .. simulatorNotes],
        };
        try
        {
            var cost = CostModel.Price(run, _costOptions);
            return report with { Cost = ReportCostBuilder.Build(run, session, cost, changes, _costOptions), CostDetails = cost };
        }
#pragma warning disable CA1031 // pricing adds to a report; a pricing failure must not lose the findings
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return report with { AnalysisWarnings = [.. warnings, $"pricing failed: {ex.GetType().Name}: {ex.Message}"] };
        }
    }
}
