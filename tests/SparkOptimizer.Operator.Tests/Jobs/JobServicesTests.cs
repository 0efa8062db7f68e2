using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Jobs;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Tests.Jobs;

public sealed class JobServicesTests
{
    [Theory]
    [InlineData(false, typeof(InProcessRunAnalyser))]
    [InlineData(true, typeof(RoutingRunAnalyser))]
    public void Analyser_FromConfiguration_RoutesToJobsOnlyWhenEnabled(bool enabled, Type expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:Jobs:Enabled"] = enabled.ToString(),
            ["Engine:Jobs:MaxInFlight"] = "6",
            ["Engine:Jobs:RetryBackoff"] = "00:00:05",
            ["Engine:Jobs:Env:AWS_ENDPOINT_URL"] = "http://minio:9000",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IKubernetes>(new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }))
            .AddEngine(configuration)
            .BuildServiceProvider();

        var options = services.GetRequiredService<EngineOptions>();
        JobServices.Analyser(services, options).Should().BeOfType(expected);
        services.GetRequiredService<IRunProcessor>().Should().BeOfType<EngineRunProcessor>();
        options.Jobs.MaxInFlight.Should().Be(6);
        options.Jobs.RetryBackoff.Should().Be(TimeSpan.FromSeconds(5));
        options.Jobs.Env.Should().Contain("AWS_ENDPOINT_URL", "http://minio:9000");
    }
}
