using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// Operators that stayed on Spark's row engine in a query the columnar engine (RAPIDS on the GPU, Databricks Photon) ran:
/// their rows cross a transition (GpuColumnarToRow/GpuRowToColumnar, Photon's ColumnarToRow) on the way in and out, and an
/// operator between two engine operators makes the data go there and back. Reported once per SQL query with the operators
/// named, as a question about the code (an unsupported expression, type, UDF or format) the engine's own explain answers;
/// no setting of the cluster's moves an operator onto the engine.
/// </summary>
public sealed class AcceleratorFallbackAnalyzer(Accelerator accelerator) : IAnalyzer
{
    private const int MaxQueries = 10;
    private const int MaxNamed = 6;

    /// <summary>Plan nodes that only wrap or route others: never an operator that fell back.</summary>
    private static readonly string[] Structural =
    [
        "WholeStageCodegen", "InputAdapter", "AdaptiveSparkPlan", "ShuffleQueryStage", "BroadcastQueryStage", "TableCacheQueryStage", "ResultQueryStage",
        "ReusedExchange", "AQEShuffleRead", "CustomShuffleReader", "Subquery", "SubqueryBroadcast", "ReusedSubquery",
        // Spark's own columnar/row hand-overs: named by the operators on either side, not operators of their own.
        "ColumnarToRow", "RowToColumnar",
    ];

    /// <summary>Nodes that run on the CPU by nature: data from the driver or an RDD, the result handed to the driver, DDL.</summary>
    private static readonly string[] ByNature = ["LocalTableScan", "Scan ExistingRDD", "Scan ExternalRDD", "RDDScan", "OneRowRelation", "CollectLimit", "Scan OneRowRelation"];

    public string Id => $"accelerator-fallback-{accelerator.Engine.ToLowerInvariant()}";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var run = context.Run;
        if (!accelerator.IsOn(run))
        {
            yield break;
        }

        var queries = new List<(SqlExecution Query, IReadOnlyList<Fallback> Ops, long? Rows, int[] Stages)>();
        foreach (var query in run.SqlExecutions.GroupBy(e => e.Id).Select(g => g.Last()))
        {
            if (query.Plan is not { } plan || !query.Nodes.Any(accelerator.IsOwn))
            {
                continue;
            }

            var ops = new List<Fallback>();
            Walk(plan, ownAbove: false, ops);
            if (ops.Count == 0)
            {
                continue;
            }

            long? rows = null;
            foreach (var t in query.Nodes.Where(n => accelerator.Transitions.Contains(n.NodeName)))
            {
                if ((t.Metric("number of output rows")?.Value ?? t.Metric("output rows")?.Value) is { } r)
                {
                    rows = (rows ?? 0) + r;
                }
            }

            var stages = run.Stages.Where(s => s.SqlExecutionId == query.Id).Select(s => s.StageId).Distinct().ToArray();
            queries.Add((query, ops, rows, stages));
        }

        if (queries.Count == 0)
        {
            yield break;
        }

        var ordered = queries.OrderByDescending(q => q.Ops.Any(o => o.Between)).ThenByDescending(q => q.Query.DurationMs ?? 0).ThenBy(q => q.Query.Id).ToArray();
        var severity = ordered.Any(q => q.Ops.Any(o => o.Between)) ? Severity.Moderate : Severity.Low;
        var engine = accelerator.Engine;
        var evidence = new List<Evidence>
        {
            new("accelerator.fallbackQueries", queries.Count, "queries", $"{accelerator.Name}: {queries.Count} SQL quer{(queries.Count == 1 ? "y" : "ies")} ran operators off the {engine}"),
        };
        var recs = new List<Recommendation>();
        foreach (var (query, ops, rows, _) in ordered.Take(MaxQueries))
        {
            var named = string.Join(", ", ops.Select(o => o.Node.NodeName.Trim()).Distinct(StringComparer.Ordinal).Take(MaxNamed));
            var between = ops.Where(o => o.Between).Select(o => o.Node.NodeName.Trim()).Distinct(StringComparer.Ordinal).ToArray();
            var where = between.Length > 0 ? $"{string.Join(", ", between.Take(MaxNamed))} between {engine} operators (the data leaves the {engine} and comes back)" : $"{named} outside the {engine} part of the plan";
            var crossing = rows is { } r ? $"; {Fmt.N(r)} rows crossed its {engine} transitions" : string.Empty;
            evidence.Add(new Evidence("accelerator.fallbackOperators", ops.Count, "operators", $"SQL query {query.Id}: {named} ran off the {engine}{crossing}"));
            recs.Add(new Recommendation(RecommendationKind.Code,
                $"SQL query {query.Id}: {where}. To see why, {accelerator.HowToSeeWhy}; then rewrite what it names (a UDF as a built-in expression, an unsupported type or format) so the query stays on the {engine}")
            {
                SqlExecutionId = query.Id,
                SqlNode = ops.OrderByDescending(o => o.Between).First().Node.SimpleString,
            });
        }

        yield return new Finding(
            Id, "plan", severity, $"Operators Off the {engine} ({accelerator.Name})", queries.SelectMany(q => q.Stages).Distinct().Order().ToArray(), evidence,
            $"These operators ran on Spark's row engine in queries the {accelerator.Name} ran: each hand-over converts columns to rows and back, and the operators themselves run without the {engine}.",
            recs)
        {
            SqlExecutionIds = queries.Select(q => q.Query.Id).ToArray(),
            WhatWouldNotHelp = $"Cluster-wide memory or parallelism changes: no setting of the cluster's moves an operator onto the {engine}; the plan decides.",
            ExpectedImprovement = $"Next run: the named operators as {accelerator.OperatorPrefix}* nodes in their queries' plans, with no transition between them",
        };
    }

    private void Walk(SqlPlanNode node, bool ownAbove, List<Fallback> ops)
    {
        var own = IsEngine(node);
        var structural = !own && IsStructural(node);
        if (!own && !structural && !ByNature.Any(n => node.NodeName.StartsWith(n, StringComparison.Ordinal)) && !FedByDriverData(node) && !IsDdl(node))
        {
            ops.Add(new Fallback(node, ownAbove && node.Children.Any(HasEngineBelow)));
        }

        foreach (var child in node.Children)
        {
            Walk(child, ownAbove || own, ops);
        }
    }

    private bool IsEngine(SqlPlanNode node) =>
        accelerator.IsOwn(node) || accelerator.Transitions.Contains(node.NodeName)
        || node.NodeName.StartsWith("Execute " + accelerator.OperatorPrefix, StringComparison.Ordinal);

    private static bool IsStructural(SqlPlanNode node) => Structural.Any(s => node.NodeName.StartsWith(s, StringComparison.Ordinal));

    private bool HasEngineBelow(SqlPlanNode node) => node.DescendantsAndSelf().Any(IsEngine);

    /// <summary>A command that only runs on the driver (CREATE VIEW, SET, ...): it has no children to move anywhere.</summary>
    private static bool IsDdl(SqlPlanNode node) => node.NodeName.StartsWith("Execute ", StringComparison.Ordinal) && node.Children.Count == 0;

    /// <summary>Encoding or scanning rows of a local collection or an RDD (Dataset.toDF of objects): only the driver's data, never a fallback.</summary>
    private static bool FedByDriverData(SqlPlanNode node) =>
        (node.NodeName is "SerializeFromObject" or "Scan" || node.SimpleString.StartsWith("Scan[obj", StringComparison.Ordinal))
        && node.DescendantsAndSelf().All(n => IsStructural(n) || n.NodeName is "SerializeFromObject" or "Scan" || ByNature.Any(b => n.NodeName.StartsWith(b, StringComparison.Ordinal)));

    private readonly record struct Fallback(SqlPlanNode Node, bool Between);
}
