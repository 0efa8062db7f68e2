using SparkOptimizer.Analysis;
using SparkOptimizer.Forecasting;
using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Recommendation;
using SparkOptimizer.Reporting;
using SparkOptimizer.Simulation;
using SparkOptimizer.Trust;

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

    /// <summary>Read a run without analysing it (hosts that group runs into cohorts before analysing them).</summary>
    public SparkRun Read(EventLogInput input, CancellationToken cancellationToken = default) => _reader.Read(input, cancellationToken);

    /// <summary>
    /// Analyse a run already read: diagnose, recommend, check with the replay, bound by the host's rails, forecast each
    /// finding, predict and price the recommended configuration. Every host calls this; none re-prices or re-applies rails.
    /// </summary>
    public RunReport Analyze(SparkRun run, HostContext? host = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        host ??= HostContext.None;
        var costOptions = host.Cost ?? _costOptions;
        var context = new AnalysisContext(run, _thresholds);
        var (findings, warnings) = new RunAnalyzer(RunAnalyzer.DefaultAnalyzers).Analyze(context);
        var result = new Recommender(_thresholds, _options).Recommend(run, findings);
        var notes = result.Notes.ToList();
        var session = SimulatorCheck.Prepare(run);
        var (changes, simulatorNotes) = SimulatorCheck.Apply(session, result.Changes, Sla, costOptions.InstanceType ?? run.Vendor.InstanceType);
        notes.AddRange(simulatorNotes);
        var lowConfidence = false;
        if (host.Cohort is { } cohort)
        {
            // After the SLA sizing: the rails have the last word (pinned keys, the memory floor, the OOM cool-down).
            var rails = SafetyRails.Apply(changes, run.Environment, cohort, host.Validation, host.LatestFailure);
            (changes, lowConfidence) = (rails.Changes, rails.LowConfidence);
            notes.AddRange(rails.LowConfidence
                ? rails.Notes.Prepend($"low confidence: cohort {cohort.Key} has {cohort.Runs.Count} run(s); memory is never lowered while it is learning")
                : rails.Notes);
        }

        var forecaster = new FindingForecaster(session, context);
        var forecast = AppliedChanges.Keep(result.Findings, changes, notes).Select(forecaster.Forecast).ToArray();
        var ranked = new RunReport(run, StakeSeverity.Apply(forecast, _thresholds, run, context.Facts), changes, warnings);
        var report = (host.Logs is { Count: > 0 } logs ? LogEvidence.Attach(ranked, logs) : ranked) with
        {
            Sizing = result.Sizing?.Applied(changes, ClusterInference.IsLocal(run) ? "spark.driver.memory" : "spark.executor.memory"),
            RecommendationNotes = notes,
            LowConfidence = lowConfidence,
        };
        try
        {
            var priced = CostModel.Price(run, costOptions);
            var cost = host.CohortCosts is { Count: > 0 } cohortCosts ? CohortCapacityAdvisor.WithCohort(priced, cohortCosts) : priced;
            var recommended = session is null ? null : Recommend(session, changes, cost, costOptions, host, result.Sizing?.HeapFloorBytes ?? 0);
            return report with { Recommended = recommended, Cost = ReportCostBuilder.Build(run, cost, recommended), CostDetails = cost };
        }
#pragma warning disable CA1031 // pricing adds to a report; a pricing failure must not lose the findings
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return report with { Recommended = session is null ? null : RecommendedPrediction(session, changes, host), AnalysisWarnings = [.. warnings, $"pricing failed: {ex.GetType().Name}: {ex.Message}"] };
        }
    }

    /// <summary>
    /// The recommended configuration, replayed and priced: the change set, or where it changes nothing the replay models, the
    /// cost model's right-sized node pool (its executors and node type) asked exactly as whatif would ask it.
    /// </summary>
    private static RecommendedRun? Recommend(WhatIfSession session, IReadOnlyList<ConfigChange> changes, CostReport cost, CostOptions costOptions, HostContext host, long heapFloorBytes)
    {
        var set = RecommendedPrediction(session, changes, host);
        var fromChanges = set is not null && ConfigurationCost.For(session.Run, session, cost, costOptions) is { } pricer
            ? set with { Cost = pricer.Price(set.Prediction) }
            : set;
        if (cost.RightSizing is not { } rs)
        {
            return fromChanges;
        }

        // The right-sized pool with the change set's other settings, replayed on its node type; kept only when it costs less
        // and its node leaves each executor at least the heap floor (the observed peak with its buffer).
        var pool = SimulationChange.FromSparkConf(changes.ToDictionary(c => c.Key, c => c.To, StringComparer.Ordinal))
            with { Executors = rs.RecommendedExecutors, CoresPerExecutor = rs.RecommendedCoresPerExecutor };
        var resized = WhatIfAnswer.Ask(session, pool, rs.RecommendedShape, host.Calibrate, costOptions) is { Cost: { } c } answer
            && answer.Prediction.Config.ExecutorMemory.Bytes >= heapFloorBytes
            ? new RecommendedRun(answer.Prediction, c) { InstanceType = answer.InstanceType }
            : null;
        return resized is not null && (fromChanges?.Cost is not { } current || resized.Cost!.Cost.Amount < current.Cost.Amount) ? resized : fromChanges;
    }

    /// <summary>The whole change set replayed, calibrated by the host's history; null when nothing the replay models changes.</summary>
    private static RecommendedRun? RecommendedPrediction(WhatIfSession session, IReadOnlyList<ConfigChange> changes, HostContext host)
    {
        var change = SimulationChange.FromSparkConf(changes.ToDictionary(c => c.Key, c => c.To, StringComparer.Ordinal));
        if (changes.Count == 0 || change == SimulationChange.None)
        {
            return null;
        }

        var prediction = session.Predict(change);
        return new RecommendedRun(host.Calibrate is { } calibrate ? calibrate(prediction) : prediction, null);
    }
}
