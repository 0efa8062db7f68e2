using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Cli.Commands;

/// <summary>`whatif LOG [--set k=v ...] [--executors N] [--instance-type T]`: predict a change's effect before making it.</summary>
public static class WhatIfCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var log = new Argument<string>("log") { Description = "The event log of the run to replay" };
        var set = new Option<string[]>("--set") { Description = "A Spark conf change, key=value (repeatable): spark.executor.instances, .cores, .memory, spark.sql.shuffle.partitions, spark.memory.fraction, spark.dynamicAllocation.*", AllowMultipleArgumentsPerToken = true };
        var executors = new Option<int?>("--executors") { Description = "Executor count" };
        var instanceType = new Option<string?>("--instance-type") { Description = "Move the executors to this node type (cores, memory, speed and price from config/)" };
        var format = new Option<OutputFormat>("--format", "-f") { Description = "text or json", DefaultValueFactory = _ => OutputFormat.Text };
        var sla = new Option<string?>("--sla") { Description = "Also search the cheapest executor configuration whose predicted upper bound meets this duration (e.g. 45m)" };
        var history = new Option<FileInfo?>("--history") { Description = "Calibrate the prediction with this app's recorded runs (the SQLite file `analyze --history` writes)" };
        var command = new Command("whatif", "Replay a run on another configuration and predict its duration and cost, with an interval") { log, set, executors, instanceType, format, sla, history };
        command.SetAction(parse => Execute(parse.GetValue(log)!, parse.GetValue(set) ?? [], parse.GetValue(executors), parse.GetValue(instanceType), parse.GetValue(format), stdout, stderr,
            parse.GetValue(sla), parse.GetValue(history)));
        return command;
    }

    internal static int Execute(string path, string[] sets, int? executors, string? instanceType, OutputFormat format, TextWriter stdout, TextWriter stderr, string? sla = null, FileInfo? history = null)
    {
        long? slaMs = null;
        if (sla is not null)
        {
            TimeSpan? parsed;
            try
            {
                parsed = DurationText.Parse(sla);
            }
            catch (FormatException)
            {
                parsed = null;
            }

            if (parsed is null || parsed <= TimeSpan.Zero)
            {
                stderr.WriteLine($"error: --sla expects a duration such as 90s, 45m or 2h, got '{sla}'");
                return ExitCodes.Usage;
            }

            slaMs = (long)parsed.Value.TotalMilliseconds;
        }

        if (history is not null && !history.Exists)
        {
            stderr.WriteLine($"error: {history.FullName}: no such run history");
            return ExitCodes.Usage;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in sets)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                stderr.WriteLine($"error: --set expects key=value, got '{InputBounds.Echo(item)}'");
                return ExitCodes.Usage;
            }

            settings[item[..eq].Trim()] = item[(eq + 1)..].Trim();
        }

        SparkRun run;
        try
        {
            var inputs = new LocalEventLogLocator().Locate(path);
            if (inputs.Count != 1)
            {
                stderr.WriteLine($"error: {path}: whatif replays one application; found {inputs.Count}");
                return inputs.Count == 0 ? ExitCodes.NothingReadable : ExitCodes.Usage;
            }

            run = new EventLogReader().Read(inputs[0]);
        }
        catch (EventLogFormatException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.NothingReadable;
        }

        var session = WhatIfSimulator.Prepare(run);
        var change = SimulationChange.FromSparkConf(settings);
        if (executors is { } n)
        {
            change = change with { Executors = n };
        }

        if (change.OutOfBounds() is { } refused)
        {
            stderr.WriteLine($"error: {refused}");
            return ExitCodes.Usage;
        }

        var answer = WhatIfAnswer.Ask(session, change, instanceType, history is null ? null : p => WhatIfExtras.Calibrate(p, run, history, stderr));
        if (answer is null)
        {
            stderr.WriteLine($"error: unknown instance type '{instanceType}' (see config/node-shapes.yaml)");
            return ExitCodes.Usage;
        }

        if (answer.Note is { } note)
        {
            stderr.WriteLine($"note: {note}");
        }

        var prediction = answer.Prediction;
        var targetType = answer.InstanceType;
        (SearchCandidate? Best, string Unit)? search = slaMs is { } target ? WhatIfExtras.CheapestMeetingSla(session, target, targetType) : null;
        var baselineCost = answer.BaselineCost;
        var predictedCost = answer.Cost?.Cost.Round(4);
        if (format == OutputFormat.Json)
        {
            WriteJson(stdout, prediction, baselineCost, predictedCost, targetType, search, slaMs);
        }
        else
        {
            WriteText(stdout, run, prediction, baselineCost, predictedCost, targetType);
            if (search is { } s)
            {
                stdout.WriteLine(s.Best is { } best
                    ? $"Cheapest meeting the SLA of {Reporting.DurationText.Format(slaMs)}: {WhatIfExtras.Describe(best, s.Unit)}"
                    : $"No configuration searched meets the SLA of {Reporting.DurationText.Format(slaMs)}");
            }
        }

        return ExitCodes.Ok;
    }

    private static void WriteText(TextWriter o, SparkRun run, Prediction p, Money? baselineCost, Money? predictedCost, string? instanceType)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine("WHAT-IF PREDICTION");
        o.WriteLine("==================");
        o.WriteLine();
        o.WriteLine($"Job: {run.Application.Name ?? run.Application.Id}");
        o.WriteLine(string.Create(inv, $"Baseline: observed {Ms(p.Baseline.ObservedMs)}, replayed {Ms(p.Baseline.SimulatedMs)} (model error {(p.Baseline.ErrorPct is { } e ? e.ToString("+0.0;-0.0", inv) + " %" : "unknown: no application end")})"));
        o.WriteLine(string.Create(inv, $"Configuration: {p.Config.Executors} executors x {p.Config.CoresPerExecutor} cores, {p.Config.ExecutorMemory.ToSparkString()} heap{(instanceType is null ? string.Empty : $", on {instanceType}")}"));
        o.WriteLine(string.Create(inv, $"Predicted duration: {Ms(p.DurationMs)} (80 % interval {Ms(p.LowMs)} to {Ms(p.HighMs)}){(p.ChangePct is { } c ? $", {c:+0.#;-0.#} % against observed" : string.Empty)}"));
        o.WriteLine(predictedCost is { } pc
            ? $"Predicted cost: {pc.Round()}{(baselineCost is { } bc ? $" (baseline {bc.Round()})" : string.Empty)}"
            : string.Create(inv, $"Predicted cost: no price known; {p.ExecutorSeconds / 3600:0.##} executor-hours, {p.CoreSeconds / 3600:0.##} core-hours (pass --instance-type)"));
        o.WriteLine($"Basis: {p.Basis}");
        foreach (var note in p.Notes)
        {
            o.WriteLine($"- {note}");
        }
    }

    private static string Ms(long? ms) => Reporting.DurationText.Format(ms);

    private static void WriteJson(TextWriter o, Prediction p, Money? baselineCost, Money? predictedCost, string? instanceType, (SearchCandidate? Best, string Unit)? search, long? slaMs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("baseline");
            if (p.Baseline.ObservedMs is { } observed)
            {
                w.WriteNumber("observedMs", observed);
            }
            else
            {
                w.WriteNull("observedMs");
            }

            w.WriteNumber("simulatedMs", p.Baseline.SimulatedMs);
            if (p.Baseline.ErrorPct is { } err)
            {
                w.WriteNumber("errorPct", Math.Round(err, 2));
            }
            else
            {
                w.WriteNull("errorPct");
            }

            WriteMoney(w, "cost", baselineCost);
            w.WriteEndObject();
            w.WriteStartObject("prediction");
            w.WriteNumber("durationMs", p.DurationMs);
            w.WriteNumber("low", p.LowMs);
            w.WriteNumber("high", p.HighMs);
            WriteMoney(w, "cost", predictedCost);
            w.WriteNumber("executorHours", Math.Round(p.ExecutorSeconds / 3600, 4));
            w.WriteNumber("coreHours", Math.Round(p.CoreSeconds / 3600, 4));
            w.WriteString("basis", p.Basis.ToString());
            w.WriteEndObject();
            w.WriteStartObject("config");
            w.WriteNumber("executors", p.Config.Executors);
            w.WriteNumber("coresPerExecutor", p.Config.CoresPerExecutor);
            w.WriteString("executorMemory", p.Config.ExecutorMemory.ToSparkString());
            if (instanceType is not null)
            {
                w.WriteString("instanceType", instanceType);
            }

            w.WriteEndObject();
            if (search is { } found)
            {
                w.WriteStartObject("slaSearch");
                w.WriteNumber("slaMs", slaMs ?? 0);
                if (found.Best is { } best)
                {
                    w.WriteNumber("executors", best.Prediction.Config.Executors);
                    w.WriteNumber("coresPerExecutor", best.Prediction.Config.CoresPerExecutor);
                    w.WriteString("executorMemory", best.Prediction.Config.ExecutorMemory.ToSparkString());
                    w.WriteNumber("durationMs", best.Prediction.DurationMs);
                    w.WriteNumber("high", best.Prediction.HighMs);
                    w.WriteNumber("cost", Math.Round(best.Cost, 4));
                    w.WriteString("costUnit", found.Unit);
                }
                else
                {
                    w.WriteNull("executors");
                }

                w.WriteEndObject();
            }

            w.WriteStartArray("notes");
            foreach (var note in p.Notes)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        o.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteMoney(Utf8JsonWriter w, string name, Money? money)
    {
        if (money is { } m)
        {
            w.WriteNumber(name, Math.Round(m.Amount, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
