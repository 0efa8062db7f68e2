using System.Data.Common;
using Npgsql;

namespace SparkOptimizer.History;

/// <summary>The fleet store: PostgreSQL through one pooled Npgsql data source; migrations serialised by an advisory lock.</summary>
public sealed class PostgresRunHistoryStore : SqlRunHistoryStore
{
    private static readonly IReadOnlyList<Migration> Schema =
    [
        new(1, "run_history table", """
            CREATE TABLE run_history (
                cohort TEXT NOT NULL,
                app_id TEXT NOT NULL,
                attempt TEXT NOT NULL,
                started_ms BIGINT,
                finished_ms BIGINT,
                duration_ms BIGINT,
                configuration TEXT NOT NULL,
                executors INTEGER NOT NULL,
                cores_per_executor INTEGER NOT NULL,
                executor_memory_bytes BIGINT NOT NULL,
                shuffle_partitions INTEGER,
                input_bytes BIGINT NOT NULL,
                cost NUMERIC,
                currency TEXT,
                findings_critical INTEGER NOT NULL,
                findings_severe INTEGER NOT NULL,
                findings_moderate INTEGER NOT NULL,
                findings_low INTEGER NOT NULL,
                worst_severity TEXT NOT NULL,
                worst_title TEXT,
                predicted_ms BIGINT,
                predicted_low_ms BIGINT,
                predicted_high_ms BIGINT,
                predicted_cost NUMERIC,
                interval_level DOUBLE PRECISION,
                prediction_basis TEXT,
                verification_state TEXT NOT NULL,
                verified_ms BIGINT,
                verification_error_pct DOUBLE PRECISION,
                verification_note TEXT,
                PRIMARY KEY (cohort, app_id, attempt)
            );
            CREATE INDEX run_history_cohort_started ON run_history (cohort, started_ms);
            """),
        new(2, "run outcomes and proposals", SchemaSteps.OutcomesAndProposals(moneyType: "NUMERIC", realType: "DOUBLE PRECISION")),
        new(3, "proposal revert time", SchemaSteps.RevertTime),
    ];

    private readonly NpgsqlDataSource _dataSource;

    private PostgresRunHistoryStore(string connectionString, TimeProvider time)
        : base(time) => _dataSource = NpgsqlDataSource.Create(connectionString);

    private protected override IReadOnlyList<Migration> Migrations => Schema;

    /// <summary>Connects and applies pending migrations (the connection string comes from a Secret in the chart).</summary>
    public static async Task<PostgresRunHistoryStore> OpenAsync(string connectionString, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var store = new PostgresRunHistoryStore(connectionString, time ?? TimeProvider.System);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Two replicas starting together: the second waits here, then finds the migrations applied.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({HistoryDefaults.MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    private protected override ValueTask DisposeCoreAsync() => _dataSource.DisposeAsync();
}
