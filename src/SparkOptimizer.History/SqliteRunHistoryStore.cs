using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SparkOptimizer.History;

/// <summary>
/// The default store: one SQLite file (on the operator's volume, or the CLI's --history FILE) in WAL mode, so readers
/// never block the writer; writers from several processes take turns through SQLite's lock with a busy timeout.
/// </summary>
public sealed class SqliteRunHistoryStore : SqlRunHistoryStore
{
    private static readonly IReadOnlyList<Migration> Schema = SchemaSteps.Migrations(moneyType: "TEXT", realType: "REAL");

    private readonly string _connectionString;

    private SqliteRunHistoryStore(string path, TimeProvider time)
        : base(time)
    {
        Path = System.IO.Path.GetFullPath(path);

        // Money is stored as TEXT: SQLite's NUMERIC affinity would turn a decimal into a double.
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = HistoryDefaults.SqliteBusyTimeoutSeconds,
        }.ToString();
    }

    public string Path { get; }

    private protected override IReadOnlyList<Migration> Migrations => Schema;

    /// <summary>Opens (creating when missing) the file, switches it to WAL and applies pending migrations.</summary>
    public static async Task<SqliteRunHistoryStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var store = new SqliteRunHistoryStore(path, time ?? TimeProvider.System);
        try
        {
            await using (var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                // WAL is a property of the file: set once, every later connection uses it.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken).ConfigureAwait(false);
            }

            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // In WAL mode NORMAL keeps the database consistent on a crash (a power cut may lose the last commits, which a re-analysis re-records).
        await ExecuteAsync(connection, null, "PRAGMA synchronous=NORMAL", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    // Not deferred (BEGIN IMMEDIATE): the write lock is taken up front, so a second instance waits instead of failing on a lock upgrade.
    private protected override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    private protected override ValueTask DisposeCoreAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
