using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Pipeline;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>The heavy half the engine uses: in-process only, or routed between the process and analysis Jobs when Jobs are enabled.</summary>
public static class JobServices
{
    public static IRunAnalyser Analyser(IServiceProvider services, EngineOptions options)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var finder = services.GetRequiredService<EventLogFinder>();
        var metrics = services.GetService<OperatorMetrics>();
        var inProcess = new InProcessRunAnalyser(finder, services.GetRequiredService<AnalysisPipeline>(), options, loggers.CreateLogger<InProcessRunAnalyser>(),
            services.GetService<PodLogSource>(), services.GetService<OperatorRunCatalog>(), metrics);
        if (!options.Jobs.Enabled)
        {
            return inProcess;
        }

        var jobs = new JobRunAnalyser(services.GetRequiredService<IKubernetes>(), options.Jobs, options, services.GetRequiredService<TimeProvider>(),
            loggers.CreateLogger<JobRunAnalyser>(), metrics);
        return new RoutingRunAnalyser(inProcess, jobs, finder, options.Jobs, loggers.CreateLogger<RoutingRunAnalyser>(), metrics);
    }
}
