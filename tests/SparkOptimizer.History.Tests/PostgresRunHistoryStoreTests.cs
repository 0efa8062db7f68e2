using SparkOptimizer.Testing.Postgres;
using Xunit.Abstractions;

namespace SparkOptimizer.History.Tests;

public sealed class PostgresRunHistoryStoreTests : RunHistoryStoreTests, IClassFixture<PostgresFixture>
{
    private readonly PostgresFixture _server;

    public PostgresRunHistoryStoreTests(PostgresFixture server, ITestOutputHelper output)
        : base(output) => _server = server;

    protected override string StoreName => "PostgreSQL";

    protected override Task<string> NewLocationAsync() => _server.CreateDatabaseAsync();

    private protected override async Task<SqlRunHistoryStore> OpenAsync(string location) => await PostgresRunHistoryStore.OpenAsync(location);
}
