using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Following;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Cli.Commands;

/// <summary>
/// `analyze --follow`: follows one live log, printing a one-line summary each time new events arrive, and the full
/// report when the application ends, the --follow-timeout passes, or the user presses Ctrl-C.
/// Summaries go to standard output for text reports and to standard error otherwise, so JSON output stays one document.
/// </summary>
internal static class AnalyzeFollow
{
    /// <summary>How to follow; <paramref name="Stop"/> lets tests end it the way Ctrl-C would.</summary>
    internal sealed record Settings(string? Timeout, string Interval, TimeProvider Time, CancellationToken? Stop)
    {
        /// <summary>The --history file the final report is recorded in, if any.</summary>
        public FileInfo? History { get; init; }

        /// <summary>--instance-type and --no-pricing.</summary>
        public SparkOptimizer.Pricing.CostOptions? Cost { get; init; }
    }

    public static int Execute(string[] paths, Settings settings, OutputFormat format, FileInfo? output, Severity? failOn, FileInfo? configFile, TextWriter stdout, TextWriter stderr)
    {
        if (paths.Length != 1)
        {
            stderr.WriteLine("error: --follow takes exactly one log (an .inprogress file or a rolling folder)");
            return ExitCodes.Usage;
        }

        TimeSpan? timeout;
        TimeSpan interval;
        try
        {
            timeout = DurationText.Parse(settings.Timeout);
            interval = DurationText.Parse(settings.Interval) ?? TimeSpan.FromSeconds(2);
        }
        catch (FormatException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }

        var pipeline = PipelineFactory.Create(configFile, stderr, cost: settings.Cost);
        if (pipeline is null)
        {
            return ExitCodes.Usage;
        }

        var progress = format == OutputFormat.Text && output is null ? stdout : stderr;
        using var cancel = settings.Stop is { } stop ? CancellationTokenSource.CreateLinkedTokenSource(stop) : new CancellationTokenSource();
        if (timeout is { } t)
        {
            cancel.CancelAfter(t);
        }

        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        FollowResult result;
        try
        {
            var follower = new FollowingEventLogReader(paths[0]);
            if (EventLogSourceResolver.LocalPath(paths[0]) is { } local && !File.Exists(local) && !Directory.Exists(local))
            {
                progress.WriteLine($"{local} does not exist yet: waiting for Spark to create it");
            }

            progress.WriteLine($"following {paths[0]} (every {interval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s{(timeout is { } tt ? $", for at most {tt}" : string.Empty)}; Ctrl-C stops)");
            result = follower.FollowAsync(interval, update => progress.WriteLine(Summary(update, pipeline.Analyze(update.Run))), settings.Time, cancel.Token)
                .GetAwaiter().GetResult();
        }
        catch (EventLogFormatException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.NothingReadable;
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }

        progress.WriteLine(result.Outcome == FollowOutcome.ApplicationEnded
            ? "application ended: final report follows"
            : "stopped following before the application ended: report of what was read so far");
        var reports = result.Run is { } run ? new List<RunReport> { pipeline.Analyze(run) } : [];
        return AnalyzeCommand.Finish(reports, [], [], format, output, failOn, stdout, stderr, settings.History);
    }

    private static string Summary(FollowUpdate update, RunReport report)
    {
        var totals = update.Run.Totals;
        var worst = report.WorstSeverity == Severity.None ? "none" : report.WorstSeverity.ToString().ToLowerInvariant();
        return string.Create(CultureInfo.InvariantCulture,
            $"[follow] {report.Run.Application.Id ?? "app"}: {update.TotalEvents} events (+{update.NewEvents}), {totals.Jobs} jobs, {totals.Stages} stages, " +
            $"{totals.Tasks} tasks ({totals.FailedTasks} failed), {report.Findings.Count} findings (worst: {worst}){(update.ApplicationEnded ? ", application ended" : string.Empty)}");
    }
}
