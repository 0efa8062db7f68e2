using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Mcp;

[Collection(McpCollection.Name)]
public sealed class HistoryToolTests(McpServerFixture server)
{
    [Fact]
    public async Task History_FolderOfOneJob_OrdersRunsByStartWithCliDurations()
    {
        using var dir = new TempDir();
        var profiling = "spark-rapids-tools/spark-events-profiling/";
        File.Copy(Corpus.Path(profiling + "eventlog_dsv2.zstd"), dir.File("b_eventlog_dsv2.zstd"));
        File.Copy(Corpus.Path(profiling + "eventlog_dsv1.zstd"), dir.File("a_eventlog_dsv1.zstd"));
        File.Copy(Corpus.Path("dr-elephant/event_log_1"), dir.File("c_other_job"));
        var first = CliJson.Analyze(dir.File("a_eventlog_dsv1.zstd"));
        var second = CliJson.Analyze(dir.File("b_eventlog_dsv2.zstd"));

        var (mcp, bytes) = await server.CallJsonAsync("history", new() { ["folder"] = dir.Path, ["jobName"] = "spark shell" });

        bytes.Should().BeLessThan(20_000);
        var runs = mcp.GetProperty("runs").GetProperty("items").EnumerateArray().ToList();
        runs.Should().HaveCount(2);
        runs[0].GetProperty("durationMs").GetInt64().Should().Be(first.GetProperty("application").GetProperty("durationMs").GetInt64());
        runs[1].GetProperty("durationMs").GetInt64().Should().Be(second.GetProperty("application").GetProperty("durationMs").GetInt64());
        runs[0].GetProperty("findings").GetInt32().Should().Be(first.GetProperty("findings").GetArrayLength());
        string.CompareOrdinal(runs[0].GetProperty("startTime").GetString(), runs[1].GetProperty("startTime").GetString()).Should().BeNegative();
        mcp.GetProperty("cohort").GetProperty("runs").GetInt32().Should().Be(2);
        mcp.GetProperty("logsFound").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task History_UnknownJobName_ListsTheFoldersJobs()
    {
        var result = await server.CallAsync("history", new() { ["folder"] = Corpus.Path("dr-elephant"), ["jobName"] = "nightly" });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Contain("no run named 'nightly'").And.Contain("PythonPi");
    }

    [Fact]
    public async Task History_GivenAFile_AsksForTheFolder()
    {
        var result = await server.CallAsync("history", new() { ["folder"] = Corpus.Path("dr-elephant/event_log_1") });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Contain("pass the folder");
    }

    [Fact]
    public async Task History_CohortWithoutARunHistory_SaysHowToGiveOne()
    {
        var result = await server.CallAsync("history", new() { ["cohort"] = "Spark shell" });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().StartWith("cohort: this server has no run history").And.Contain("--history FILE").And.Contain("pass folder");
    }

    [Fact]
    public async Task History_NeitherFolderNorCohort_AsksForOne()
    {
        var result = await server.CallAsync("history", new() { ["topN"] = 3 });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Be("pass folder (a folder of one job's event logs) or cohort (a cohort of the server's run history)");
    }
}
