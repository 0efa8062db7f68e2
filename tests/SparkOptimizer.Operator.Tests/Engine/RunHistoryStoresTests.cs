using SparkOptimizer.History;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Engine;

public sealed class RunHistoryStoresTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_None_NoStore() => RunHistoryStores.Open(new HistoryOptions(), TimeProvider.System).Should().BeNull();

    [Fact]
    public async Task Open_Sqlite_CreatesTheFileWithItsFolderAndMigrates()
    {
        var path = Path.Combine(_dir.Path, "data", "history.db");
        await using var store = RunHistoryStores.Open(new HistoryOptions { Provider = "sqlite", SqlitePath = path }, TimeProvider.System);

        store.Should().BeOfType<SqliteRunHistoryStore>();
        File.Exists(path).Should().BeTrue();
        (await ((SqliteRunHistoryStore)store!).AppliedMigrationsAsync()).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Open_PostgresWithoutTheConnectionString_SaysWhichVariableIsMissing()
    {
        Environment.GetEnvironmentVariable(HistoryOptions.ConnectionStringVariable).Should().BeNull("the test environment does not set it");
        var open = () => RunHistoryStores.Open(new HistoryOptions { Provider = "postgres" }, TimeProvider.System);

        open.Should().Throw<InvalidOperationException>().WithMessage($"*{HistoryOptions.ConnectionStringVariable}*");
    }

    [Fact]
    public void Open_UnknownProvider_NamesTheChoices()
    {
        var open = () => RunHistoryStores.Open(new HistoryOptions { Provider = "mysql" }, TimeProvider.System);

        open.Should().Throw<InvalidOperationException>().WithMessage("*'mysql'*none, sqlite, postgres*");
    }
}
