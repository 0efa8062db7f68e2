using System.Data.Common;
using Npgsql;

namespace SparkOptimizer.History;

/// <summary>The fleet store: PostgreSQL through one pooled Npgsql data source; migrations serialised by an advisory lock.</summary>
public sealed class PostgresRunHistoryStore : SqlRunHistoryStore
{
    private static readonly IReadOnlyList<Migration> Schema = SchemaSteps.Migrations(moneyType: "NUMERIC", realType: "DOUBLE PRECISION");

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
