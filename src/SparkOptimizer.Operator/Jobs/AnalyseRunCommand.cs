using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Pipeline;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// <c>analyse-run</c>: the one-shot command an analysis Job runs. Reads the request from <see cref="AnalysisJson.RequestVariable"/>,
/// analyses in this process with the engine settings from the environment (the operator passes its own), prints the result as
/// one marked line on stdout and logs on stderr. Exit code 0 with a result, 1 without.
/// </summary>
public static class AnalyseRunCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken = default)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        using var loggers = LoggerFactory.Create(b => b.AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var logger = loggers.CreateLogger(nameof(AnalyseRunCommand));
        try
        {
            var json = Environment.GetEnvironmentVariable(AnalysisJson.RequestVariable)
                ?? throw new InvalidOperationException($"{AnalysisJson.RequestVariable} is not set");
            var request = AnalysisJson.ReadRequest(json);
            var nonce = request.Nonce is { Length: > 0 } n ? n : throw new InvalidOperationException("the analysis request has no nonce");
            var engine = configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
            var finder = new EventLogFinder(SourceOptions.Default, engine.HistoryServerUrl,
                new EventLogSourcePolicy(engine.EventLogSchemes, engine.HistoryServerUrl, engine.LocalEventLogRoots), engine.DefaultEventLogDir);
            var analyser = new InProcessRunAnalyser(finder, new AnalysisPipeline(engine.ThresholdsFile), engine, logger, PodLogs(configuration, loggers));
            var result = await analyser.AnalyseAsync(request, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(AnalysisJson.ResultLine(result, nonce)).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Analysis failed");
            await Console.Error.WriteLineAsync($"analysis failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The driver's pod log adds evidence when the Job can reach the API server (in-cluster, or a configured kubeconfig).</summary>
    private static PodLogSource? PodLogs(IConfiguration configuration, ILoggerFactory loggers)
    {
        var options = configuration.GetSection(OperatorOptions.Section).Get<OperatorOptions>() ?? new OperatorOptions();
        try
        {
            return new PodLogSource(KubernetesClientFactory.Create(options), loggers.CreateLogger<PodLogSource>());
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException)
        {
            loggers.CreateLogger(nameof(AnalyseRunCommand)).LogWarning("No Kubernetes API ({Reason}): analysing without the driver's log", e.Message);
            return null;
        }
    }
}
