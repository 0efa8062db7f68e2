using Microsoft.Extensions.Hosting;

namespace SparkOptimizer.Operator;

/// <summary>Runs the operator for the lifetime of the host.</summary>
public sealed class OperatorHostedService(OperatorRuntime runtime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => runtime.RunAsync(stoppingToken);
}
