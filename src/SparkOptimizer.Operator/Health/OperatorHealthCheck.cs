using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SparkOptimizer.Operator.Health;

/// <summary>/readyz: a standby replica is ready; the leader once every watcher has listed its kind.</summary>
public sealed class OperatorReadinessCheck(OperatorRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["leader"] = runtime.IsLeader,
            ["identity"] = runtime.Identity,
            ["missingCrds"] = string.Join(",", runtime.MissingCrds),
        };
        return Task.FromResult(runtime.Ready
            ? HealthCheckResult.Healthy(runtime.IsLeader ? "leading" : "standby", data)
            : HealthCheckResult.Unhealthy("watchers have not listed yet", data: data));
    }
}
