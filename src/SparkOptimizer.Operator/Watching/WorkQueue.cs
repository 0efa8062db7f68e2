using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Operator.Watching;

/// <summary>
/// A rate-limited work queue as in client-go: a key is queued at most once, one reconcile per key at a time
/// (a key enqueued while it is being reconciled runs again afterwards), a bounded number of workers, and
/// failed keys requeued after an exponential back-off.
/// </summary>
public sealed class WorkQueue
{
    private readonly object gate = new();
    private readonly Channel<WorkKey> ready = Channel.CreateUnbounded<WorkKey>();
    private readonly HashSet<WorkKey> queued = [];
    private readonly HashSet<WorkKey> active = [];
    private readonly HashSet<WorkKey> dirty = [];
    private readonly Dictionary<WorkKey, int> failures = [];
    private readonly Backoff backoff;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private CancellationToken stopping;

    public WorkQueue(Backoff backoff, TimeProvider time, ILogger logger)
    {
        this.backoff = backoff;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Called with the queue length after every change (for the queue-depth gauge).</summary>
    public event Action<int>? DepthChanged;

    /// <summary>Called once a failed key's retry is scheduled, with the back-off it waits.</summary>
    public event Action<WorkKey, TimeSpan>? RetryScheduled;

    public int Depth
    {
        get
        {
            lock (gate)
            {
                return queued.Count;
            }
        }
    }

    public void Enqueue(WorkKey key)
    {
        int depth;
        lock (gate)
        {
            if (active.Contains(key))
            {
                dirty.Add(key);
                return;
            }

            if (!queued.Add(key))
            {
                return;
            }

            ready.Writer.TryWrite(key);
            depth = queued.Count;
        }

        DepthChanged?.Invoke(depth);
    }

    /// <summary>Requeues a key after a delay (a failed reconcile's back-off).</summary>
    public void EnqueueAfter(WorkKey key, TimeSpan delay)
    {
        _ = Task.Delay(delay, time, stopping).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                {
                    Enqueue(key);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Runs <paramref name="workers"/> workers until cancelled; a throwing handler's key is retried with back-off.</summary>
    public Task RunAsync(int workers, Func<WorkKey, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        stopping = cancellationToken;
        var tasks = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => WorkerAsync(handler, cancellationToken));
        return Task.WhenAll(tasks);
    }

    private async Task WorkerAsync(Func<WorkKey, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        try
        {
            while (await ready.Reader.WaitToReadAsync(cancellationToken))
            {
                if (!ready.Reader.TryRead(out var key))
                {
                    continue;
                }

                int depth;
                lock (gate)
                {
                    queued.Remove(key);
                    active.Add(key);
                    depth = queued.Count;
                }

                DepthChanged?.Invoke(depth);
                await ProcessAsync(key, handler, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task ProcessAsync(WorkKey key, Func<WorkKey, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        try
        {
            await handler(key, cancellationToken);
            lock (gate)
            {
                failures.Remove(key);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (RequeueException e)
        {
            // waiting, not failing: no failure counted, no stack trace
            lock (gate)
            {
                failures.Remove(key);
            }

            logger.LogInformation("Reconcile of {Key} waits: {Reason}; again in {Delay}", key, e.Message, e.Delay);
            EnqueueAfter(key, e.Delay);
            RetryScheduled?.Invoke(key, e.Delay);
        }
        catch (Exception e)
        {
            int attempt;
            lock (gate)
            {
                attempt = failures[key] = failures.GetValueOrDefault(key) + 1;
            }

            var delay = RetryAfter.AtLeast(backoff.Delay(attempt), e);
            logger.LogWarning(e, "Reconcile of {Key} failed (attempt {Attempt}); retrying in {Delay}", key, attempt, delay);
            EnqueueAfter(key, delay);
            RetryScheduled?.Invoke(key, delay);
        }
        finally
        {
            bool again;
            lock (gate)
            {
                active.Remove(key);
                again = dirty.Remove(key);
            }

            if (again)
            {
                Enqueue(key);
            }
        }
    }
}
