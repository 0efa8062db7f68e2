using SparkOptimizer.Testing;
using Xunit.Abstractions;

namespace SparkOptimizer.History.Tests;

public sealed class SqliteRunHistoryStoreTests : RunHistoryStoreTests, IDisposable
{
    private readonly TempDir _dir = new();
    private int _files;

    public SqliteRunHistoryStoreTests(ITestOutputHelper output)
        : base(output)
    {
    }

    protected override string StoreName => "SQLite";

    protected override Task<string> NewLocationAsync() => Task.FromResult(_dir.File($"history-{Interlocked.Increment(ref _files)}.db"));

    private protected override async Task<SqlRunHistoryStore> OpenAsync(string location) => await SqliteRunHistoryStore.OpenAsync(location);

    [Fact]
    public async Task Open_NewFile_UsesWriteAheadLogging()
    {
        var path = await NewLocationAsync();
        await using var store = await SqliteRunHistoryStore.OpenAsync(path);
        await store.RecordAsync(Records.Run("c", 1));

        File.Exists(path + "-wal").Should().BeTrue("the store runs in WAL mode");
    }

    public void Dispose() => _dir.Dispose();
}
