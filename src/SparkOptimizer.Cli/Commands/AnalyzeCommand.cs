using System.CommandLine;
using SparkOptimizer.Analysis;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Cli.Commands;

/// <summary>`analyze PATH...`: read event logs, analyse each application, print the report.</summary>
public static class AnalyzeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Event log files, rolling folders, zips, folders of logs, or URIs: file://, s3://, s3a://, gs://, abfs(s)://, wasb(s)://, http(s)://HISTORY-SERVER[/APP-ID]",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<OutputFormat>("--format", "-f") { Description = "Output format: text, json or markdown", DefaultValueFactory = _ => OutputFormat.Text };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file instead of standard output" };
        var failOn = new Option<Severity?>("--fail-on") { Description = "Exit with code 3 when a finding reaches this severity (low, moderate, severe, critical)" };
        var config = new Option<FileInfo?>("--config") { Description = "YAML file of threshold overrides" };
        var follow = new Option<bool>("--follow") { Description = "Follow a log still being written (.inprogress file or rolling folder): print a summary as events arrive, the report when the application ends" };
        var followTimeout = new Option<string?>("--follow-timeout") { Description = "Stop following after this long (e.g. 90s, 30m, 2h) and report what was read" };
        var followInterval = new Option<string>("--follow-interval") { Description = "How often to look for new events while following", DefaultValueFactory = _ => "2s" };
        var history = new Option<FileInfo?>("--history") { Description = "Record each analysed run in this SQLite run history (created when missing; a run already there is kept once)" };
        var logs = new Option<FileInfo[]>("--logs") { Description = "Driver or executor log files of the run: OOMs and memory kills in them become evidence on the report", AllowMultipleArgumentsPerToken = true };
        var sla = new Option<string?>("--sla") { Description = "The job's SLA (e.g. 45m): executors are sized to the cheapest configuration the what-if replay predicts will meet it" };
        var cohort = new Option<bool>("--cohort") { Description = "Treat the logs as runs of jobs: group them into cohorts, say which cohort each run joined, and apply the cohort's safety rails" };
        var instanceType = new Option<string?>("--instance-type") { Description = "Node type the run ran on, when its log does not say: priced from config/pricing (else at OpenCost's default rates)" };
        var noPricing = new Option<bool>("--no-pricing") { Description = "Turn pricing off: the Cost line gives core-hours and executor-hours, never money" };
        var databricksSku = new Option<string?>("--databricks-sku") { Description = "Databricks compute type the DBUs are priced at (jobs-compute, all-purpose, sql-classic, sql-pro, serverless-sql), when the cluster tags do not say" };
        var command = new Command("analyze", "Analyse Spark event logs and print the optimization report") { paths, format, output, failOn, config, follow, followTimeout, followInterval, history, cohort, logs, sla, instanceType, noPricing, databricksSku };
        CostOptions Cost(ParseResult parse) => new() { InstanceType = parse.GetValue(instanceType), Enabled = !parse.GetValue(noPricing), DatabricksSku = parse.GetValue(databricksSku) };
        command.SetAction(parse => parse.GetValue(follow)
            ? AnalyzeFollow.Execute(
                parse.GetValue(paths) ?? [],
                new AnalyzeFollow.Settings(parse.GetValue(followTimeout), parse.GetValue(followInterval) ?? "2s", TimeProvider.System, null) { History = parse.GetValue(history), Cost = Cost(parse) },
                parse.GetValue(format),
                parse.GetValue(output),
                parse.GetValue(failOn),
                parse.GetValue(config),
                stdout,
                stderr)
            : Execute(
            parse.GetValue(paths) ?? [],
            parse.GetValue(format),
            parse.GetValue(output),
            parse.GetValue(failOn),
            parse.GetValue(config),
            stdout,
            stderr,
            parse.GetValue(history),
            parse.GetValue(cohort),
            parse.GetValue(logs),
            parse.GetValue(sla),
            Cost(parse)));
        return command;
    }

    /// <summary>Past this many logs in one input, reports keep only what the writers print.</summary>
    private const int SlimAbove = 20;

    internal static int Execute(string[] paths, OutputFormat format, FileInfo? output, Severity? failOn, FileInfo? configFile, TextWriter stdout, TextWriter stderr, FileInfo? history = null, bool cohort = false, FileInfo[]? logs = null, string? sla = null, CostOptions? cost = null)
    {
        var slaTime = SlaText.Parse(sla);
        if (sla is not null && slaTime is null)
        {
            stderr.WriteLine($"error: --sla expects a duration such as 45m or 1h30m, got '{sla}'");
            return ExitCodes.Usage;
        }

        var pipeline = PipelineFactory.Create(configFile, stderr, slaTime, cost);
        if (pipeline is null)
        {
            return ExitCodes.Usage;
        }

        var parsed = new List<(string, IReadOnlyList<SparkOptimizer.Ingest.Logs.LogEvent>)>();
        foreach (var log in logs ?? [])
        {
            if (!log.Exists)
            {
                stderr.WriteLine($"error: {log.FullName}: no such log file");
                return ExitCodes.Usage;
            }

            try
            {
                parsed.Add((log.FullName, SparkOptimizer.Ingest.Logs.SparkLogParser.ReadFile(log.FullName).Events));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stderr.WriteLine($"error: {log.FullName}: {LogsCommand.Reason(ex)}");
                return ExitCodes.Usage;
            }
        }

        var host = new HostContext { Logs = parsed };
        var reports = new List<RunReport>();
        var runs = new List<SparkRun>();
        var inputWarnings = new List<IngestWarning>();
        var failed = new List<FailedInput>();
        foreach (var path in paths)
        {
            IReadOnlyList<EventLogInput> inputs;
            try
            {
                inputs = EventLogSourceResolver.Resolve(path, new SourceOptions());
            }
            catch (IOException ex)
            {
                // EventLogFormatException (not an event log, no such file) and the OS's own (permission denied) alike
                failed.Add(Failed(stderr, path, ex));
                continue;
            }
            catch (UnauthorizedAccessException ex)
            {
                failed.Add(Failed(stderr, path, ex));
                continue;
            }

            if (inputs.Count == 0)
            {
                stderr.WriteLine($"error: {path}: no event logs found");
                failed.Add(new FailedInput(path, "no event logs found"));
            }

            foreach (var input in inputs.Where(i => i.Parts.Count == 0))
            {
                inputWarnings.AddRange(input.Warnings);
            }

            // A folder of many logs uses every core: one pipeline per worker (pipelines keep per-run caches), results in input order.
            var readable = inputs.Where(i => i.Parts.Count > 0).ToArray();
            var results = new (RunReport? Report, SparkRun? Run, FailedInput? Error)[readable.Length];
            using var pipelines = new ThreadLocal<AnalysisPipeline>(() => PipelineFactory.Create(configFile, TextWriter.Null, slaTime, cost) ?? pipeline);
            Parallel.For(0, readable.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                try
                {
                    // With --cohort the runs are read first: a run's rails need its whole cohort, which the pipeline is then given.
                    var run = pipelines.Value!.Read(readable[i]);
                    if (cohort)
                    {
                        results[i] = (null, run, null);
                        return;
                    }

                    var analysed = pipelines.Value!.Analyze(run, host);
                    results[i] = (readable.Length > SlimAbove ? analysed.Slim() : analysed, null, null);
                }
                catch (EventLogFormatException ex)
                {
                    results[i] = (null, null, new FailedInput(ex.File, ex.Offset is { } o ? $"{ex.Problem} (at byte {o})" : ex.Problem));
                }
                catch (IOException ex)
                {
                    results[i] = (null, null, new FailedInput(readable[i].Path, OneLine(ex)));
                }
                catch (UnauthorizedAccessException ex)
                {
                    results[i] = (null, null, new FailedInput(readable[i].Path, OneLine(ex)));
                }
            });
            foreach (var (report, run, error) in results)
            {
                if (report is not null)
                {
                    reports.Add(report);
                }
                else if (run is not null)
                {
                    runs.Add(run);
                }
                else if (error is not null)
                {
                    stderr.WriteLine($"error: {error.Input}: {error.Reason}");
                    failed.Add(error);
                }
            }
        }

        if (cohort && runs.Count > 0)
        {
            reports = AnalyzeCohort.Analyze(runs, pipeline, host, stderr);
        }

        return Finish(reports, inputWarnings, failed, format, output, failOn, stdout, stderr, history);
    }

    internal static int Finish(List<RunReport> reports, List<IngestWarning> inputWarnings, IReadOnlyList<FailedInput> failed, OutputFormat format, FileInfo? output, Severity? failOn, TextWriter stdout, TextWriter stderr, FileInfo? history = null)
    {
        if (reports.Count == 0)
        {
            stderr.WriteLine(failed.Count > 0 ? "0 applications analysed: every input failed (see errors above)." : "0 applications analysed: no event logs were found.");
            return ExitCodes.NothingReadable;
        }

        foreach (var report in reports)
        {
            foreach (var warning in report.Run.Warnings)
            {
                stderr.WriteLine($"warning: {warning}");
            }
        }

        ReportOutput.Write(reports, inputWarnings, failed, format, output, stdout);

        // After the report: a history that cannot be written must not cost the user the report.
        if (history is not null && !AnalyzeHistory.Record(reports, history, stderr))
        {
            return ExitCodes.HistoryUnwritable;
        }

        if (failOn is { } threshold && threshold > Severity.None && reports.Any(r => r.WorstSeverity >= threshold))
        {
            stderr.WriteLine($"failing: a finding reached severity '{threshold.ToString().ToLowerInvariant()}'");
            return ExitCodes.FailOnThreshold;
        }

        if (failed.Count > 0)
        {
            stderr.WriteLine($"{reports.Count} application(s) analysed, {failed.Count} input(s) could not be read: {string.Join(", ", failed.Select(f => f.Input))}");
            return ExitCodes.SomeInputsUnreadable;
        }

        return ExitCodes.Ok;
    }

    private static FailedInput Failed(TextWriter stderr, string path, Exception ex)
    {
        var failure = ex is EventLogFormatException f
            ? new FailedInput(f.File, f.Offset is { } o ? $"{f.Problem} (at byte {o})" : f.Problem)
            : new FailedInput(path, OneLine(ex));
        stderr.WriteLine($"error: {failure.Input}: {failure.Reason}");
        return failure;
    }

    private static string OneLine(Exception ex) => ex.Message.Split('\n')[0].Trim();
}
