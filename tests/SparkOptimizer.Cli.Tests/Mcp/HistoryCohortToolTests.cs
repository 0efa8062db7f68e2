using System.Text.Json;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>`history` with a cohort, from `mcp --history FILE` over a run history the CLI wrote from real logs.</summary>
[Collection(McpHistoryCollection.Name)]
public sealed class HistoryCohortToolTests(McpHistoryServerFixture server)
{
    [Fact]
    public async Task History_CohortOfTheRunHistory_ReturnsItsRunsWithPredictionsVerificationsAndProposals()
    {
        var first = CliJson.Analyze(McpHistoryServerFixture.FirstLog).GetProperty("application");
        var second = CliJson.Analyze(McpHistoryServerFixture.SecondLog).GetProperty("application");

        var (mcp, bytes) = await server.CallJsonAsync("history", new() { ["cohort"] = McpHistoryServerFixture.Cohort });

        bytes.Should().BeLessThan(20_000);
        mcp.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        mcp.GetProperty("mode").GetString().Should().Be("runHistory");
        mcp.GetProperty("runHistory").GetString().Should().Contain(server.HistoryFile);
        var runs = mcp.GetProperty("runs").GetProperty("items").EnumerateArray().ToList();
        runs.Select(r => r.GetProperty("id").GetString()).Should().Equal(
            first.GetProperty("id").GetString(), second.GetProperty("id").GetString(), McpHistoryServerFixture.InsideRun, McpHistoryServerFixture.OutsideRun);
        runs[0].GetProperty("durationMs").GetInt64().Should().Be(first.GetProperty("durationMs").GetInt64());
        runs[0].GetProperty("startTime").GetString().Should().Be(first.GetProperty("startTime").GetString());
        runs[0].GetProperty("prediction").ValueKind.Should().Be(JsonValueKind.Null, "the CLI records no prediction");
        var cli = server.CliRuns[0];
        runs[0].GetProperty("inputBytes").GetInt64().Should().Be(cli.InputBytes);
        runs[0].GetProperty("executors").GetInt32().Should().Be(cli.Shape.Executors);
        runs[0].GetProperty("coresPerExecutor").GetInt32().Should().Be(cli.Shape.CoresPerExecutor);
        runs[0].GetProperty("executorMemoryBytes").GetInt64().Should().Be(cli.Shape.ExecutorMemoryBytes).And.BePositive();
        runs[0].GetProperty("findings").GetProperty("total").GetInt32().Should().Be(CliJson.Analyze(McpHistoryServerFixture.FirstLog).GetProperty("findings").GetArrayLength());
        runs[1].GetProperty("verification").GetProperty("state").GetString().Should().Be("verified");
        runs[1].GetProperty("verification").GetProperty("errorPct").GetDouble().Should().Be(4.25);
        runs[1].GetProperty("verification").GetProperty("note").GetString().Should().Be("inside the interval");

        var inside = runs[2].GetProperty("prediction");
        var expected = McpHistoryServerFixture.PredictionInside(first.GetProperty("durationMs").GetInt64());
        (inside.GetProperty("durationMs").GetInt64(), inside.GetProperty("low").GetInt64(), inside.GetProperty("high").GetInt64())
            .Should().Be((expected.DurationMs, expected.LowMs, expected.HighMs));
        inside.GetProperty("basis").GetString().Should().Be("ReplayWithErnest");
        inside.GetProperty("cost").GetDecimal().Should().Be(0.42m);
        inside.GetProperty("inInterval").GetBoolean().Should().BeTrue();
        runs[3].GetProperty("prediction").GetProperty("inInterval").GetBoolean().Should().BeFalse();
        runs[3].GetProperty("verification").GetProperty("state").GetString().Should().Be("regressed");

        var coverage = mcp.GetProperty("intervalCoverage");
        coverage.GetProperty("runsWithPrediction").GetInt32().Should().Be(2);
        coverage.GetProperty("inside").GetInt32().Should().Be(1);
        coverage.GetProperty("share").GetDouble().Should().Be(0.5);
        coverage.GetProperty("nominalLevel").GetDouble().Should().Be(0.8);
        mcp.GetProperty("verifications").GetProperty("verified").GetInt32().Should().Be(2);
        mcp.GetProperty("verifications").GetProperty("regressed").GetInt32().Should().Be(1);
        mcp.GetProperty("cohort").GetProperty("name").GetString().Should().Be(McpHistoryServerFixture.Cohort);
        mcp.GetProperty("cohort").GetProperty("runs").GetInt32().Should().Be(4);

        var proposal = mcp.GetProperty("proposals").GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        proposal.GetProperty("fingerprint").GetString().Should().Be("fp-executors-4");
        proposal.GetProperty("status").GetString().Should().Be("regressed");
        proposal.GetProperty("changes").GetProperty("spark.executor.instances").GetString().Should().Be("4");
        proposal.GetProperty("pullRequest").GetProperty("number").GetInt32().Should().Be(42);
        proposal.GetProperty("pullRequest").GetProperty("url").GetString().Should().EndWith("/pull/42");
        proposal.GetProperty("prediction").GetProperty("durationMs").GetInt64().Should().Be(second.GetProperty("durationMs").GetInt64() / 2);
    }

    [Fact]
    public async Task History_CohortPaged_ContinuesAtNextOffsetOldestFirst()
    {
        var (page1, _) = await server.CallJsonAsync("history", new() { ["cohort"] = McpHistoryServerFixture.Cohort, ["topN"] = 3 });
        var next = page1.GetProperty("runs").GetProperty("nextOffset").GetInt32();
        var (page2, _) = await server.CallJsonAsync("history", new() { ["cohort"] = McpHistoryServerFixture.Cohort, ["topN"] = 3, ["offset"] = next });

        page1.GetProperty("runs").GetProperty("total").GetInt32().Should().Be(4);
        page1.GetProperty("runs").GetProperty("returned").GetInt32().Should().Be(3);
        next.Should().Be(3);
        page2.GetProperty("runs").GetProperty("returned").GetInt32().Should().Be(1);
        page2.GetProperty("runs").GetProperty("nextOffset").ValueKind.Should().Be(JsonValueKind.Null);
        page2.GetProperty("runs").GetProperty("items")[0].GetProperty("id").GetString().Should().Be(McpHistoryServerFixture.OutsideRun);
        page2.GetProperty("intervalCoverage").GetProperty("share").GetDouble().Should().Be(0.5, "coverage is the cohort's, not the page's");
    }

    [Fact]
    public async Task History_UnknownCohort_ListsTheKnownCohorts()
    {
        var result = await server.CallAsync("history", new() { ["cohort"] = "nightly" });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().StartWith("cohort: no cohort 'nightly' in the run history; its cohorts are: ")
            .And.Contain("MyAppName").And.Contain("PythonPi").And.Contain("Spark shell").And.NotContain("schemaVersion");
    }

    [Theory]
    [InlineData("spark shell")]
    [InlineData("Spark shell_2021_06_22_14_19_03")]
    public async Task History_CohortInOtherCaseOrWithTimestamp_FindsTheStoredCohort(string given)
    {
        var (mcp, _) = await server.CallJsonAsync("history", new() { ["cohort"] = given, ["topN"] = 1 });

        mcp.GetProperty("cohort").GetProperty("name").GetString().Should().Be(McpHistoryServerFixture.Cohort);
        mcp.GetProperty("runs").GetProperty("total").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task History_FolderAndCohortTogether_IsAToolError()
    {
        var result = await server.CallAsync("history", new() { ["cohort"] = McpHistoryServerFixture.Cohort, ["folder"] = Path.GetTempPath() });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Be("pass folder or cohort, not both");
    }

    [Fact]
    public void Instructions_WithARunHistory_NameItsFileAndCohortKeys() =>
        server.Client.ServerInstructions.Should().EndWith(
            $"Run history (history with cohort): the run history {server.HistoryFile} (a cohort is an app name without its timestamp suffix).");
}
