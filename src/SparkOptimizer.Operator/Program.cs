using SparkOptimizer.Operator;
using SparkOptimizer.Operator.Crds;

if (args.Length > 0 && args[0] == "generate-crds")
{
    // generate-crds [repository root]: writes crds/ and the chart's copy under it
    var root = args.Length > 1 ? Path.GetFullPath(args[1]) : CrdFiles.FindRepositoryRoot(Directory.GetCurrentDirectory());
    foreach (var folder in CrdFiles.Folders)
    {
        foreach (var path in CrdFiles.WriteAll(Path.Combine(root, folder)))
        {
            Console.WriteLine($"wrote {path}");
        }
    }

    return 0;
}

if (args.Length > 0 && args[0] == SparkOptimizer.Operator.Jobs.AnalysisJobSpec.Command)
{
    // the one-shot analysis an analysis Job runs: the request in the environment, the result on stdout
    return await SparkOptimizer.Operator.Jobs.AnalyseRunCommand.RunAsync(args[1..], Console.Out);
}

// Everything that can refuse a setting runs before the host starts, so a wrong setting ends in one line, not a stack trace.
Microsoft.AspNetCore.Builder.WebApplication app;
try
{
    app = OperatorApp.Build(args);
    OperatorApp.ResolveStartupServices(app);
}
#pragma warning disable CA1031 // the user sees the setting and the fix, whatever was thrown
catch (Exception ex)
#pragma warning restore CA1031
{
    Console.Error.WriteLine(SparkOptimizer.Operator.Startup.StartupErrors.Describe(ex));
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory-style tests.</summary>
public partial class Program;
