using System.CommandLine;
using SparkOptimizer.Samples;

namespace SparkOptimizer.Cli.Commands;

/// <summary>`sample OUTPUT`: writes the deterministic demo event log the repository ships under samples/.</summary>
public static class SampleCommand
{
    public static Command Create(TextWriter stdout)
    {
        var output = new Argument<FileInfo>("output") { Description = "Where to write the sample event log" };
        var command = new Command("sample", "Write a small synthetic Spark event log (an ETL job with skew and spill) for trying the tool") { output };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            using (var stream = file.Create())
            {
                SampleEventLogWriter.Write(stream);
            }

            stdout.WriteLine($"wrote {file.FullName}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
