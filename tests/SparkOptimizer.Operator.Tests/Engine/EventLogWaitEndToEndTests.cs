using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SparkOptimizer.Operator.Controllers;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Engine;

/// <summary>
/// A run whose event log is not there when it finishes: the operator (against our API server, with the real engine and real log
/// files) keeps it Pending with reason EventLogNotFound and warns on the SparkApplication and the SparkOptimization; a log that
/// arrives within the window is analysed; one that never does ends in Error saying what was tried. The clock is fake: the
/// window passes when the test moves it, not by waiting.
/// </summary>
public sealed class EventLogWaitEndToEndTests : IDisposable
{
    private const string AppId = "local-1619631016646";
    private static readonly DateTimeOffset Finished = DateTimeOffset.Parse("2026-11-20T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly TempDir _logs = new();
    private readonly FakeTimeProvider _time = new(Finished.AddMinutes(1));

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task LogArrivingWithinTheWindow_IsPendingThenAnalysed_WithEventsOnBothObjects()
    {
        await using var harness = await StartAsync();

        await harness.WaitUntilAsync(() => Phase(harness) == "Pending" && Reason(harness) == EventReasons.EventLogNotFound, "Pending, EventLogNotFound");
        Message(harness).Should().Contain("not found yet").And.Contain(_logs.Path).And.Contain("10:35:00Z", "the window is 30 minutes from the run's end");
        await harness.WaitUntilAsync(() => WarnedOn(harness, "SparkApplication") && WarnedOn(harness, "SparkOptimization"), "warnings on both objects");
        harness.ProcessedRuns(SparkApps.Namespace, "spark-pi").Should().BeEmpty("a run without its log is not processed");

        // the object store receives the log when the app stops: here, ten minutes late, as an .lzf file the manifest does not declare
        _time.Advance(TimeSpan.FromMinutes(10));
        File.Copy(Corpus.Path("reencoded/local-1619631016646.lzf"), Path.Combine(_logs.Path, AppId + ".lzf"));
        await harness.WaitUntilAsync(() => { _time.Advance(TimeSpan.FromSeconds(30)); return Phase(harness) == "Analyzed"; }, "analysed once the log is there");

        _time.GetUtcNow().Should().BeBefore(Finished.AddMinutes(30));
        harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["lastRun"]!["sparkAppId"]!.GetValue<string>().Should().Be(AppId);
        await harness.WaitUntilAsync(() => Events(harness, EventReasons.RunAnalyzed).Select(Kind).Distinct().Count() == 2, "RunAnalyzed on both objects");
        Events(harness, EventReasons.EventLogNotFound).Should().HaveCount(2, "one warning per object, not one per look");
    }

    [Fact]
    public async Task LogThatNeverArrives_IsAnErrorAfterTheWindow_NamingWhatWasTried()
    {
        await using var harness = await StartAsync();

        await harness.WaitUntilAsync(() => Phase(harness) == "Pending", "Pending while the window lasts");
        await harness.WaitUntilAsync(() => { _time.Advance(TimeSpan.FromMinutes(1)); return Phase(harness) == "Error"; }, "Error once the window passed");

        _time.GetUtcNow().Should().BeOnOrAfter(Finished.AddMinutes(30), "not before the window ends");
        Reason(harness).Should().Be(EventReasons.EventLogNotFound);
        Message(harness).Should().Contain("not found within 30m").And.Contain("looks").And.Contain($"{{eventlog_v2_,}}{AppId}").And.Contain(_logs.Path);
        harness.ProcessedRuns(SparkApps.Namespace, "spark-pi").Should().ContainSingle("the run is recorded, and not looked at again");
        await harness.WaitUntilAsync(() => Events(harness, EventReasons.EventLogNotFound).Count(e => e["message"]!.GetValue<string>().Contains("within", StringComparison.Ordinal)) == 2,
            "the final warning on both objects");
        Events(harness, EventReasons.RunAnalyzed).Should().BeEmpty("never Analyzed without a log");
    }

    [Fact]
    public async Task LocationOutsideTheAllowedFolders_IsAnErrorAtOnce()
    {
        await using var harness = await StartAsync(eventLogDir: "/etc/spark-events");

        await harness.WaitUntilAsync(() => Phase(harness) == "Error", "Error without waiting");

        _time.GetUtcNow().Should().Be(Finished.AddMinutes(1), "waiting cannot make a refused folder readable");
        Message(harness).Should().Contain("refused");
    }

    private async Task<OperatorHarness> StartAsync(string? eventLogDir = null)
    {
        var harness = await OperatorHarness.StartAsync();
        var app = SparkApps.CompletedKubeflowPi("spark-pi", eventLogDir ?? _logs.Path, AppId);
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);
        var processor = new EngineRunProcessor(
            EngineParts.Finder(_logs.Path), new AnalysisPipeline(), null, null, new EngineOptions(), NullLogger<EngineRunProcessor>.Instance, time: _time);
        harness.StartOperatorWith(processor, OperatorHarness.FastOptions(), _time);
        return harness;
    }

    private static JsonNode? Analyzed(OperatorHarness harness) =>
        (harness.Optimization(SparkApps.Namespace, "spark-pi")?["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Analyzed");

    private static string? Phase(OperatorHarness harness) => harness.Optimization(SparkApps.Namespace, "spark-pi")?["status"]?["phase"]?.GetValue<string>();

    private static string? Reason(OperatorHarness harness) => Analyzed(harness)?["reason"]?.GetValue<string>();

    private static string Message(OperatorHarness harness) => Analyzed(harness)?["message"]?.GetValue<string>() ?? string.Empty;

    private static IReadOnlyList<JsonObject> Events(OperatorHarness harness, string reason) =>
        harness.Events(SparkApps.Namespace).Where(e => e["reason"]?.GetValue<string>() == reason).ToList();

    private static string Kind(JsonObject e) => e["involvedObject"]!["kind"]!.GetValue<string>();

    private static bool WarnedOn(OperatorHarness harness, string kind) =>
        Events(harness, EventReasons.EventLogNotFound).Any(e => Kind(e) == kind && e["type"]!.GetValue<string>() == "Warning");
}
