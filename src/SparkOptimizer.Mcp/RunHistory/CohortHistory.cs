using System.Data.Common;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using SparkOptimizer.History;

namespace SparkOptimizer.Mcp.RunHistory;

/// <summary>`history` with a cohort: the cohort's runs with their predictions and verifications, its proposals, and how often the intervals held.</summary>
public static class CohortHistory
{
    public const string NoHistory =
        "cohort: this server has no run history (start `spark-optimizer mcp` or `serve` with --history FILE; the operator keeps one " +
        "when Engine:History:Provider is set); pass folder to read a folder of event logs instead";

    public static async Task<string> AnswerAsync(RunHistoryReader? history, string cohort, int topN, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        topN = ToolOutput.ClampTopN(topN);
        offset = ToolOutput.CheckOffset(offset);
        if (history is null)
        {
            throw new McpException(NoHistory);
        }

        try
        {
            var (name, runs, olderOmitted) = await FindAsync(history, cohort.Trim(), cancellationToken).ConfigureAwait(false);
            var proposals = await history.GetProposalsAsync(name, cancellationToken).ConfigureAwait(false);
            var root = ToolOutput.Envelope(HistoryTool.Name);
            root["mode"] = "runHistory";
            root["runHistory"] = ToolOutput.Trim(history.Description, McpDefaults.LongText / 2);
            root["cohort"] = Summary(name, runs, olderOmitted);
            root["runs"] = ToolOutput.Page(runs, offset, topN, RunRecordJson.Run);
            root["intervalCoverage"] = Coverage(IntervalCoverage.Of(runs));
            root["verifications"] = Verifications(runs);
            root["proposals"] = new JsonObject
            {
                ["total"] = proposals.Count,
                ["items"] = ToolOutput.Array(proposals.Reverse().Take(McpDefaults.MaxListed), RunRecordJson.Proposal),
            };
            return ToolOutput.Serialize(root, "runs.items", "proposals.items");
        }
        catch (DbException ex)
        {
            throw new McpException($"cohort: the run history could not be read: {ToolOutput.Trim(ex.Message.Split('\n')[0], McpDefaults.ShortText)}");
        }
    }

    /// <summary>The cohort by its stored key; else the one key that matches it ignoring case or a trailing timestamp; else an error naming the known cohorts.</summary>
    private static async Task<(string Name, IReadOnlyList<RunRecord> Runs, bool OlderOmitted)> FindAsync(RunHistoryReader history, string cohort, CancellationToken cancellationToken)
    {
        if (cohort.Length == 0)
        {
            throw new McpException("cohort: give a cohort's name as the run history keeps it");
        }

        var name = cohort;
        var runs = await ReadAsync(history, name, cancellationToken).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            var known = await history.ListCohortsAsync(cancellationToken).ConfigureAwait(false);
            var stripped = CohortName.FromAppName(cohort);
            var matches = known.Where(k => string.Equals(k, cohort, StringComparison.OrdinalIgnoreCase) || string.Equals(k, stripped, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count != 1)
            {
                throw new McpException(Unknown(cohort, known));
            }

            name = matches[0];
            runs = await ReadAsync(history, name, cancellationToken).ConfigureAwait(false);
        }

        var olderOmitted = runs.Count > McpDefaults.MaxHistoryRuns;
        return (name, olderOmitted ? runs.Skip(1).ToList() : runs, olderOmitted);
    }

    private static string Unknown(string cohort, IReadOnlyList<string> known) => known.Count == 0
        ? $"cohort: no cohort '{ToolOutput.Trim(cohort, McpDefaults.ShortText)}': the run history holds no runs yet"
        : $"cohort: no cohort '{ToolOutput.Trim(cohort, McpDefaults.ShortText)}' in the run history; its cohorts are: "
          + string.Join(", ", known.Take(McpDefaults.MaxListed).Select(k => ToolOutput.Trim(k, McpDefaults.ShortText)))
          + (known.Count > McpDefaults.MaxListed ? $" ({known.Count} in all)" : string.Empty);

    // One more than shown, to tell whether older runs were left out.
    private static Task<IReadOnlyList<RunRecord>> ReadAsync(RunHistoryReader history, string cohort, CancellationToken cancellationToken) =>
        history.GetCohortAsync(cohort, McpDefaults.MaxHistoryRuns + 1, cancellationToken);

    private static JsonObject Summary(string name, IReadOnlyList<RunRecord> runs, bool olderOmitted)
    {
        var durations = runs.Select(r => r.DurationMs).OfType<long>().Order().ToList();
        var median = durations.Count == 0 ? 0 : durations[durations.Count / 2];
        return new JsonObject
        {
            ["name"] = name,
            ["runs"] = runs.Count,
            ["olderRunsOmitted"] = olderOmitted,
            ["firstStart"] = RunJson.Time(runs[0].StartedAt),
            ["lastStart"] = RunJson.Time(runs[^1].StartedAt),
            ["durationMs"] = durations.Count == 0 ? null : new JsonObject { ["min"] = durations[0], ["median"] = median, ["max"] = durations[^1] },
            ["latestVsMedianPct"] = durations.Count > 1 && runs[^1].DurationMs is { } last && median > 0
                ? Math.Round((last - median) * 100.0 / median, 1)
                : null,
        };
    }

    private static JsonObject Coverage(IntervalCoverage c) => new()
    {
        ["runsWithPrediction"] = c.RunsWithPrediction,
        ["inside"] = c.Inside,
        ["share"] = c.Share,
        ["nominalLevel"] = c.NominalLevel,
    };

    private static JsonObject Verifications(IReadOnlyList<RunRecord> runs)
    {
        var counts = new JsonObject();
        foreach (var state in Enum.GetValues<VerificationState>())
        {
            counts[RunJson.Lower(state)] = runs.Count(r => r.Verification.State == state);
        }

        return counts;
    }
}
