namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>Driver-only time (no stage running) and Sparklens' bounds: the critical path and the ideal time on the run's own cores.</summary>
public sealed class DriverTimeAnalyzer : IAnalyzer
{
    public string Id => "driver";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var facts = context.Facts;
        if (facts.WallMs < t.Value("driver.minWallMs"))
        {
            yield break;
        }

        var cp = CriticalPath.Of(context.Run, facts);
        var severity = t.Rate("driver.idleShare", cp.DriverShare);
        if (severity == Severity.None)
        {
            yield break;
        }

        var name = context.Run.Application.Name ?? string.Empty;
        var interactive = name.Contains("shell", StringComparison.OrdinalIgnoreCase) || name.Contains("notebook", StringComparison.OrdinalIgnoreCase);
        if (interactive)
        {
            // In a shell or notebook the gaps are mostly a person thinking: worth knowing, not worth an alarm.
            severity = SeverityScale.Min(severity, Severity.Low);
        }

        var idleCoreHours = cp.DriverOnlyMs / 3_600_000.0 * facts.PeakCores;
        var gapAt = DateTimeOffset.FromUnixTimeMilliseconds(cp.GapStartMs) - DateTimeOffset.FromUnixTimeMilliseconds(facts.StartMs);
        yield return new Finding(
            "driver-only-time", "driver", severity, "Driver-Only Time", [],
            [
                new Evidence("driver.idleShare", cp.DriverShare, "ratio", $"Driver-only time: {Fmt.Ms(cp.DriverOnlyMs)} of {Fmt.Ms(cp.WallMs)} ({Fmt.Pct(cp.DriverShare)}) with no stage running"),
                new Evidence("driver.longestGapMs", cp.LongestGapMs, "ms", $"Longest gap: {Fmt.Ms(cp.LongestGapMs)} " + (gapAt.TotalMilliseconds < 1000 ? "at the start of the run (before the first stage)" : $"starting {Fmt.Ms(gapAt.TotalMilliseconds)} into the run")),
                new Evidence("driver.criticalPathMs", cp.CriticalPathMs, "ms", $"Critical path (infinite executors): {Fmt.Ms(cp.CriticalPathMs)}; ideal with the current {facts.PeakSlots} task slots perfectly used: {Fmt.Ms(cp.IdealWithCurrentCoresMs)}"),
            ],
            (interactive ? $"'{name}' is an interactive session, so much of this is likely time between commands. " : string.Empty) +
            "While only the driver works (planning, listing files, collect(), Python or Scala code between actions, writing results) every executor core is paid for and idle; no executor setting shortens this time.",
            [new Recommendation(RecommendationKind.Code, "Move driver-side work onto the cluster: avoid collect()/toPandas() of large results, loops of small actions, and per-file listing; run independent actions concurrently")])
        {
            WhatWouldNotHelp = "More or bigger executors: driver-only time does not use them.",
            ExpectedImprovement = $"Executors idle for {Fmt.Ms(cp.DriverOnlyMs)} per run ({Fmt.D(idleCoreHours)} core-hours); the run cannot be faster than {Fmt.Ms(cp.CriticalPathMs)} with any number of executors",
        };
    }
}
