using SparkOptimizer.Analysis;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;

namespace SparkOptimizer.Cli;

/// <summary>Builds the analysis pipeline for a command; a bad --config file is a usage error with one line, not a crash.</summary>
public static class PipelineFactory
{
    public static AnalysisPipeline? Create(FileInfo? configFile, TextWriter stderr, TimeSpan? sla = null, CostOptions? cost = null)
    {
        if (configFile is not null && !configFile.Exists)
        {
            stderr.WriteLine($"error: {configFile.FullName}: no such thresholds file");
            return null;
        }

        try
        {
            var thresholds = configFile is null ? Thresholds.Default : ThresholdsLoader.Load(configFile.FullName);
            return new AnalysisPipeline(thresholds, costOptions: cost) { Sla = sla };
        }
        catch (Exception ex) when (ex is FormatException or YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException or InvalidCastException)
        {
            stderr.WriteLine($"error: {configFile?.FullName}: {ex.Message.Replace(Environment.NewLine, " ", StringComparison.Ordinal)}");
            return null;
        }
    }
}
