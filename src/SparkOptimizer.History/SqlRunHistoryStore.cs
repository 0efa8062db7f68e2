using System.Data.Common;
using System.Text.Json;
using SparkOptimizer.Analysis;
using SparkOptimizer.Trust;

namespace SparkOptimizer.History;

/// <summary>
/// The store over plain ADO.NET, shared by SQLite and PostgreSQL: both speak INSERT ... ON CONFLICT DO NOTHING, so
/// idempotence is the database's unique key, not a read-then-write that two replicas could race.
/// </summary>
public abstract partial class SqlRunHistoryStore : IRunHistoryStore
{
    private const string Columns =
        "cohort, app_id, attempt, started_ms, finished_ms, duration_ms, configuration, executors, cores_per_executor, executor_memory_bytes, "
        + "shuffle_partitions, input_bytes, cost, currency, findings_critical, findings_severe, findings_moderate, findings_low, worst_severity, "
        + "worst_title, predicted_ms, predicted_low_ms, predicted_high_ms, predicted_cost, interval_level, prediction_basis, "
        + "verification_state, verified_ms, verification_error_pct, verification_note, peak_memory_bytes, failure_class, memory_failure, succeeded, change_id";

    private readonly TimeProvider _time;

    private protected SqlRunHistoryStore(TimeProvider time) => _time = time;

    private protected abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Migrations after the shipped ones, for tests of how a new version is applied to an existing history.</summary>
    internal IReadOnlyList<Migration> AdditionalMigrations { get; set; } = [];

    /// <summary>Applies the migrations not yet applied; safe to call again and from several instances at once. Returns how many ran.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)", cancellationToken).ConfigureAwait(false);
        var applied = new HashSet<int>();
        await using (var select = Command(connection, transaction, "SELECT version FROM schema_migrations"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var ran = 0;
        foreach (var migration in Migrations.Concat(AdditionalMigrations).Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var insert = Command(connection, transaction, "INSERT INTO schema_migrations (version, description, applied_ms) VALUES (@v, @d, @t)");
            Add(insert, "v", migration.Version);
            Add(insert, "d", migration.Description);
            Add(insert, "t", _time.GetUtcNow().ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            ran++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ran;
    }

    /// <summary>Versions recorded in schema_migrations, ascending.</summary>
    public async Task<IReadOnlyList<int>> AppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, "SELECT version FROM schema_migrations ORDER BY version");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    public async Task<bool> RecordAsync(RunRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = Command(connection, null,
            $"INSERT INTO run_history ({Columns}) VALUES (@cohort, @app_id, @attempt, @started_ms, @finished_ms, @duration_ms, @configuration, "
            + "@executors, @cores, @memory, @partitions, @input_bytes, @cost, @currency, @critical, @severe, @moderate, @low, @worst, @worst_title, "
            + "@predicted_ms, @predicted_low_ms, @predicted_high_ms, @predicted_cost, @interval_level, @basis, @state, @verified_ms, @error_pct, @note, "
            + "@peak_memory, @failure_class, @memory_failure, @succeeded, @change_id) "
            + "ON CONFLICT (cohort, app_id, attempt) DO NOTHING");
        Bind(insert, record);
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<RunRecord>> GetCohortAsync(string cohort, int limit = HistoryDefaults.CohortLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Newest first to apply the limit, then reversed: callers get the latest runs in the order they ran.
        await using var select = Command(connection, null,
            $"SELECT {Columns} FROM run_history WHERE cohort = @cohort "
            + "ORDER BY COALESCE(started_ms, -1) DESC, app_id DESC, attempt DESC LIMIT @limit");
        Add(select, "cohort", cohort);
        Add(select, "limit", limit);
        var records = new List<RunRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        records.Reverse();
        return records;
    }

    public async Task<IReadOnlyList<string>> ListCohortsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, "SELECT DISTINCT cohort FROM run_history ORDER BY cohort");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cohorts = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cohorts.Add(reader.GetString(0));
        }

        return cohorts;
    }

    public async Task<bool> RecordVerificationAsync(RunKey key, Verification verification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(verification);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var update = Command(connection, null,
            "UPDATE run_history SET verification_state = @state, verified_ms = @verified_ms, verification_error_pct = @error_pct, verification_note = @note "
            + "WHERE cohort = @cohort AND app_id = @app_id AND attempt = @attempt");
        Add(update, "state", verification.State.ToString());
        Add(update, "verified_ms", verification.VerifiedAt?.ToUnixTimeMilliseconds());
        Add(update, "error_pct", verification.ErrorPercent);
        Add(update, "note", verification.Note);
        Add(update, "cohort", key.Cohort);
        Add(update, "app_id", key.AppId);
        Add(update, "attempt", key.Attempt);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that holds the database's migration lock until it ends (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock).</summary>
    private protected abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    private protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    private protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static void Bind(DbCommand c, RunRecord r)
    {
        Add(c, "cohort", r.Cohort);
        Add(c, "app_id", r.AppId);
        Add(c, "attempt", r.Attempt);
        Add(c, "started_ms", r.StartedAt?.ToUnixTimeMilliseconds());
        Add(c, "finished_ms", r.FinishedAt?.ToUnixTimeMilliseconds());
        Add(c, "duration_ms", r.DurationMs);
        Add(c, "configuration", JsonSerializer.Serialize(r.Configuration));
        Add(c, "executors", r.Shape.Executors);
        Add(c, "cores", r.Shape.CoresPerExecutor);
        Add(c, "memory", r.Shape.ExecutorMemoryBytes);
        Add(c, "partitions", r.Shape.ShufflePartitions);
        Add(c, "input_bytes", r.InputBytes);
        Add(c, "cost", r.Cost);
        Add(c, "currency", r.Currency);
        Add(c, "critical", r.Findings.Critical);
        Add(c, "severe", r.Findings.Severe);
        Add(c, "moderate", r.Findings.Moderate);
        Add(c, "low", r.Findings.Low);
        Add(c, "worst", r.Findings.Worst.ToString());
        Add(c, "worst_title", r.Findings.WorstTitle);
        Add(c, "predicted_ms", r.Prediction?.DurationMs);
        Add(c, "predicted_low_ms", r.Prediction?.LowMs);
        Add(c, "predicted_high_ms", r.Prediction?.HighMs);
        Add(c, "predicted_cost", r.Prediction?.Cost);
        Add(c, "interval_level", r.Prediction?.IntervalLevel);
        Add(c, "basis", r.Prediction?.Basis);
        Add(c, "state", r.Verification.State.ToString());
        Add(c, "verified_ms", r.Verification.VerifiedAt?.ToUnixTimeMilliseconds());
        Add(c, "error_pct", r.Verification.ErrorPercent);
        Add(c, "note", r.Verification.Note);
        Add(c, "peak_memory", r.Outcome?.PeakMemoryBytes);
        Add(c, "failure_class", r.Outcome?.Failure.ToString());
        Add(c, "memory_failure", r.Outcome is { } o1 ? (o1.MemoryFailure ? 1 : 0) : null);
        Add(c, "succeeded", r.Outcome is { } o2 ? (o2.Succeeded ? 1 : 0) : null);
        Add(c, "change_id", r.Outcome?.ChangeId);
    }

    private static RunRecord Read(DbDataReader r)
    {
        long? Long(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        int? Int(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
        double? Double(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        decimal? Decimal(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => Long(i) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

        var configuration = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(6)) ?? [];
        var prediction = Long(20) is { } predicted
            ? new PredictedRun(predicted, Long(21) ?? predicted, Long(22) ?? predicted, Decimal(23), Double(24) ?? HistoryDefaults.PredictionIntervalLevel, Text(25) ?? string.Empty)
            : null;
        return new RunRecord(
            r.GetString(0), r.GetString(1), r.GetString(2), Time(3), Time(4), Long(5), configuration,
            new RunShape(r.GetInt32(7), r.GetInt32(8), r.GetInt64(9), Int(10)),
            r.GetInt64(11), Decimal(12), Text(13),
            new FindingsSummary(r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17), Enum.Parse<Severity>(r.GetString(18)), Text(19)),
            prediction,
            new Verification(Enum.Parse<VerificationState>(r.GetString(26)), Time(27), Double(28), Text(29)))
        {
            Outcome = Text(31) is { } failure
                ? new RunOutcome(Long(30) ?? 0, Enum.Parse<RunFailureClass>(failure), Int(32) is 1, Int(33) is not 0, Text(34))
                : null,
        };
    }
}
