using System.CommandLine;
using SparkOptimizer.Cli.Commands;

namespace SparkOptimizer.Cli;

/// <summary>Builds the command tree; each command lives in its own class under Commands/.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("spark-optimizer: analyse Spark event logs, recommend tuned settings, predict their effect.");
        root.Subcommands.Add(AnalyzeCommand.Create(stdout, stderr));
        root.Subcommands.Add(SampleCommand.Create(stdout));
        root.Subcommands.Add(WhatIfCommand.Create(stdout, stderr));
        root.Subcommands.Add(LogsCommand.Create(stdout, stderr));
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));
        root.Subcommands.Add(McpCommand.Create(stderr));
        var parse = root.Parse(args);
        if (UnknownOptions.Find(parse) is { } unknown)
        {
            stderr.WriteLine($"error: {unknown}");
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run 'spark-optimizer --help' for usage.");
            return ExitCodes.Usage;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(config);
        }
#pragma warning disable CA1031 // the last line of defence: a user sees one line, never a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"error: {ex.Message.Split('\n')[0].Trim()} ({ex.GetType().Name})");
            return ExitCodes.NothingReadable;
        }
    }
}
