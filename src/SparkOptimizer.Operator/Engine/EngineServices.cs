using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Ingest.Metrics;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.GitHub;

namespace SparkOptimizer.Operator.Engine;

/// <summary>Registers the engine-backed run processor. Credentials come only from the environment (Secrets), never from annotations.</summary>
public static class EngineServices
{
    public const string GitHubTokenVariable = "GITHUB_TOKEN";

    public static IServiceCollection AddEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        services.AddSingleton(options);
        services.AddSingleton(new EventLogFinder(SourceOptions.Default, options.HistoryServerUrl,
            new EventLogSourcePolicy(options.EventLogSchemes, options.HistoryServerUrl, options.LocalEventLogRoots), options.DefaultEventLogDir));
        services.AddSingleton(_ => new AnalysisPipeline(options.ThresholdsFile));
        services.AddSingleton(sp => CreatePublisher(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        var prometheus = string.IsNullOrEmpty(options.PrometheusUrl) ? null : new PrometheusClient(new HttpClient(), new Uri(options.PrometheusUrl.TrimEnd('/') + "/"));
        services.AddSingleton(_ => prometheus is null ? null! : new SparkPodMetricsQuery(prometheus));
        // One store (null when none is configured), shared by the ledger, the dashboard's catalog and the MCP history tool.
        services.AddSingleton(sp => RunHistoryStores.Open(options.History, sp.GetRequiredService<TimeProvider>())!);
        services.AddSingleton(sp => new OperatorRunCatalog(sp.GetService<SparkOptimizer.History.IRunHistoryStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OperatorRunCatalog>>()));
        services.AddSingleton(sp => new CohortLedger(sp.GetService<SparkOptimizer.History.IRunHistoryStore>(), sp.GetRequiredService<ILogger<CohortLedger>>()));
        services.AddSingleton<PodLogSource>();
        services.AddSingleton(sp => new NodeShapeResolver(
            sp.GetRequiredService<k8s.IKubernetes>(),
            prometheus,
            options,
            sp.GetRequiredService<ILogger<NodeShapeResolver>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new SparkOptimizer.Trust.TrustPolicy(SparkOptimizer.Trust.TrustLevelNames.Parse(options.TrustCeiling)));
        services.AddSingleton<IRunProcessor>(sp => new EngineRunProcessor(
            sp.GetRequiredService<EventLogFinder>(),
            sp.GetRequiredService<AnalysisPipeline>(),
            sp.GetService<IManifestPublisher>(),
            sp.GetService<SparkPodMetricsQuery>(),
            options,
            sp.GetRequiredService<ILogger<EngineRunProcessor>>(),
            sp.GetRequiredService<OperatorRunCatalog>(),
            sp.GetRequiredService<CohortLedger>(),
            sp.GetRequiredService<SparkOptimizer.Trust.TrustPolicy>(),
            sp.GetRequiredService<PodLogSource>(),
            Jobs.JobServices.Analyser(sp, options),
            time: sp.GetRequiredService<TimeProvider>(),
            nodes: sp.GetRequiredService<NodeShapeResolver>()));
        return services;
    }

    private static IManifestPublisher CreatePublisher(EngineOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var token = Environment.GetEnvironmentVariable(GitHubTokenVariable);
        if (string.IsNullOrEmpty(token))
        {
            return null!;
        }

        string? owner = null, repo = null;
        if (options.GitOpsRepository is { } full && full.Split('/') is [var o, var r])
        {
            owner = o;
            repo = r;
        }

        return new GitHubPullRequestPublisher(
            new GitHubPublisherOptions
            {
                BaseUrl = new Uri(options.GitHubApiUrl),
                Token = token,
                Owner = owner,
                Repository = repo,
                BaseBranch = options.BaseBranch,
                MaxOpenPullRequests = options.MaxOpenPullRequests,
                MaxNewPullRequestsPerHour = options.MaxNewPullRequestsPerHour,
            },
            time,
            logger: loggers.CreateLogger<GitHubPullRequestPublisher>());
    }
}
