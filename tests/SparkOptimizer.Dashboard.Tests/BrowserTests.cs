using System.Diagnostics;
using System.Text.Json;

namespace SparkOptimizer.Dashboard.Tests;

/// <summary>
/// Chromium (headless, through playwright-core) against the served dashboard: the fleet lists the apps, a run's timeline
/// has one bar per stage, clicking a finding shows its evidence, controls are named, no console errors; and it saves
/// docs/screenshots/{fleet,run,app}.png.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class BrowserTests(DashboardFixture fx)
{
    [Fact]
    public async Task Dashboard_InChromium_ShowsAppsStagesAndEvidenceWithoutErrors()
    {
        BrowserRequirements.RequireChromium();
        var modules = BrowserRequirements.NodeModules();
        var shots = Path.Combine(BrowserRequirements.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(shots);
        var script = Path.Combine(AppContext.BaseDirectory, "browser", "dashboard.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, fx.BaseUrl, DashboardFixture.FindingsRun, DashboardFixture.ShellApp, string.Join(',', DashboardFixture.Apps), shots })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PLAYWRIGHT_CORE_DIR"] = modules;
        start.Environment["CHROMIUM_PATH"] = BrowserRequirements.Chromium;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the browser script did not finish in 90 s: " + await stderr);
        }

        var output = (await stdout).Trim();
        output.Should().NotBeEmpty("the script prints its checks as JSON; stderr: " + await stderr);
        using var doc = JsonDocument.Parse(output.Split('\n')[^1]);
        var failed = doc.RootElement.GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("ok").GetBoolean()).Select(c => c.ToString()).ToList();
        failed.Should().BeEmpty();
        process.ExitCode.Should().Be(0, output);
        doc.RootElement.GetProperty("checks").GetArrayLength().Should().BeGreaterThan(10);
        foreach (var name in new[] { "fleet.png", "run.png", "app.png" })
        {
            new FileInfo(Path.Combine(shots, name)).Length.Should().BeGreaterThan(10_000, name);
        }
    }
}
