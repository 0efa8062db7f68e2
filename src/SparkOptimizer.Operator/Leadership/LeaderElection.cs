using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Operator.Leadership;

/// <summary>
/// Runs work only while this replica holds the Lease (KubernetesClient's LeaderElector with a LeaseLock): the work
/// starts when leadership is acquired, is cancelled when it is lost, and election resumes for the next term.
/// </summary>
public sealed class LeaderElection(IKubernetes client, LeaderElectionOptions options, string identity, string leaseNamespace, ILogger logger)
{
    private volatile bool leading;

    public string Identity { get; } = identity;

    public bool IsLeader => leading;

    public event Action<bool>? LeadershipChanged;

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        var lease = new LeaseLock(client, leaseNamespace, options.LeaseName, Identity);
        var config = new LeaderElectionConfig(lease)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        CancellationTokenSource? term = null;
        Task work = Task.CompletedTask;
        elector.OnStartedLeading += () =>
        {
            logger.LogInformation("{Identity} became leader ({Lease})", Identity, lease.Describe());
            term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            leading = true;
            LeadershipChanged?.Invoke(true);
            var token = term.Token;
            var previous = work;

            // a new term starts only after the previous one has wound down
            work = Task.Run(
                async () =>
                {
                    await previous.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                    await whileLeading(token);
                },
                CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            if (!leading)
            {
                return;
            }

            logger.LogWarning("{Identity} lost leadership", Identity);
            leading = false;
            LeadershipChanged?.Invoke(false);
            term?.Cancel();
        };
        elector.OnError += e => logger.LogDebug(e, "Leader election error");

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await elector.RunAndTryToHoldLeadershipForeverAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // an unexpected answer while acquiring must not end the election for good
                    logger.LogWarning(e, "Leader election failed; retrying");
                    await Task.Delay(options.RetryPeriod, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            term?.Cancel();
            try
            {
                await work;
            }
            catch (OperationCanceledException)
            {
                // the term ended
            }

            leading = false;
            term?.Dispose();
        }
    }

    /// <summary>The Lease's namespace: configured, else the pod's, else "default".</summary>
    public static string ResolveNamespace(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        const string serviceAccount = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(serviceAccount) ? File.ReadAllText(serviceAccount).Trim() : "default";
    }

    public static string ResolveIdentity(string? configured) =>
        !string.IsNullOrWhiteSpace(configured)
            ? configured
            : $"{Environment.GetEnvironmentVariable("HOSTNAME") ?? Environment.MachineName}-{Guid.NewGuid().ToString("N")[..6]}";
}
