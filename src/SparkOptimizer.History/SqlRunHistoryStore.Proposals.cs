using System.Data.Common;
using System.Text.Json;

namespace SparkOptimizer.History;

/// <summary>Proposals: one row per (cohort, fingerprint), upserted as the pull request and the verdict move on.</summary>
public abstract partial class SqlRunHistoryStore
{
    private const string ProposalColumns =
        "cohort, fingerprint, changes, edits, predicted_ms, predicted_low_ms, predicted_high_ms, predicted_cost, interval_level, prediction_basis, "
        + "baseline_ms, baseline_input_bytes, pull_request, pull_request_url, status, proposed_ms, note, reverted_ms";

    public async Task SaveProposalAsync(ProposalRecord proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // The first proposal time stays: saving again records the pull request and the verdict, not a new proposal.
        await using var upsert = Command(connection, null,
            $"INSERT INTO proposals ({ProposalColumns}) VALUES (@cohort, @fingerprint, @changes, @edits, @predicted_ms, @predicted_low_ms, "
            + "@predicted_high_ms, @predicted_cost, @interval_level, @basis, @baseline_ms, @baseline_input, @pr, @pr_url, @status, @proposed_ms, @note, @reverted_ms) "
            + "ON CONFLICT (cohort, fingerprint) DO UPDATE SET changes = excluded.changes, edits = excluded.edits, predicted_ms = excluded.predicted_ms, "
            + "predicted_low_ms = excluded.predicted_low_ms, predicted_high_ms = excluded.predicted_high_ms, predicted_cost = excluded.predicted_cost, "
            + "interval_level = excluded.interval_level, prediction_basis = excluded.prediction_basis, baseline_ms = excluded.baseline_ms, "
            + "baseline_input_bytes = excluded.baseline_input_bytes, pull_request = excluded.pull_request, pull_request_url = excluded.pull_request_url, "
            + "status = excluded.status, note = excluded.note, reverted_ms = excluded.reverted_ms");
        Add(upsert, "cohort", proposal.Cohort);
        Add(upsert, "fingerprint", proposal.Fingerprint);
        Add(upsert, "changes", JsonSerializer.Serialize(proposal.Changes));
        Add(upsert, "edits", JsonSerializer.Serialize(proposal.Edits));
        Add(upsert, "predicted_ms", proposal.Prediction?.DurationMs);
        Add(upsert, "predicted_low_ms", proposal.Prediction?.LowMs);
        Add(upsert, "predicted_high_ms", proposal.Prediction?.HighMs);
        Add(upsert, "predicted_cost", proposal.Prediction?.Cost);
        Add(upsert, "interval_level", proposal.Prediction?.IntervalLevel);
        Add(upsert, "basis", proposal.Prediction?.Basis);
        Add(upsert, "baseline_ms", proposal.BaselineDurationMs);
        Add(upsert, "baseline_input", proposal.BaselineInputBytes);
        Add(upsert, "pr", proposal.PullRequestNumber);
        Add(upsert, "pr_url", proposal.PullRequestUrl);
        Add(upsert, "status", proposal.Status.ToString());
        Add(upsert, "proposed_ms", proposal.ProposedAt.ToUnixTimeMilliseconds());
        Add(upsert, "note", proposal.Note);
        Add(upsert, "reverted_ms", proposal.RevertedAt?.ToUnixTimeMilliseconds());
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string cohort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, $"SELECT {ProposalColumns} FROM proposals WHERE cohort = @cohort ORDER BY proposed_ms, fingerprint");
        Add(select, "cohort", cohort);
        var proposals = new List<ProposalRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            proposals.Add(ReadProposal(reader));
        }

        return proposals;
    }

    private static ProposalRecord ReadProposal(DbDataReader r)
    {
        long? Long(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var prediction = Long(4) is { } predicted
            ? new PredictedRun(predicted, Long(5) ?? predicted, Long(6) ?? predicted, r.IsDBNull(7) ? null : r.GetDecimal(7),
                r.IsDBNull(8) ? HistoryDefaults.PredictionIntervalLevel : r.GetDouble(8), Text(9) ?? string.Empty)
            : null;
        return new ProposalRecord(
            r.GetString(0),
            r.GetString(1),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2)) ?? [],
            JsonSerializer.Deserialize<List<ProposalEdit>>(r.GetString(3)) ?? [],
            prediction,
            Long(10),
            r.GetInt64(11),
            r.IsDBNull(12) ? null : r.GetInt32(12),
            Text(13),
            Enum.Parse<ProposalStatus>(r.GetString(14)),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(15)),
            Text(16))
        {
            RevertedAt = Long(17) is { } reverted ? DateTimeOffset.FromUnixTimeMilliseconds(reverted) : null,
        };
    }
}
