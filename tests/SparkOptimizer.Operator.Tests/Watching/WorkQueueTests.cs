using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Tests.Watching;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Enqueue_SameKeyWhileRunning_RunsAgainAfterwardsNeverConcurrently()
    {
        var queue = new WorkQueue(new Backoff(TimeSpan.FromMilliseconds(1)), TimeProvider.System, NullLogger.Instance);
        var key = new WorkKey("c", "ns", "a");
        var running = 0;
        var maxConcurrent = 0;
        var runs = 0;
        var firstStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var secondDone = new TaskCompletionSource();
        using var cts = new CancellationTokenSource();
        var worker = queue.RunAsync(4, async (_, _) =>
        {
            var now = Interlocked.Increment(ref running);
            maxConcurrent = Math.Max(maxConcurrent, now);
            if (Interlocked.Increment(ref runs) == 1)
            {
                firstStarted.SetResult();
                await release.Task;
            }
            else
            {
                secondDone.TrySetResult();
            }

            Interlocked.Decrement(ref running);
        }, cts.Token);

        queue.Enqueue(key);
        await firstStarted.Task.WaitAsync(Timeout);
        queue.Enqueue(key);
        queue.Enqueue(key);
        release.SetResult();
        await secondDone.Task.WaitAsync(Timeout);
        await cts.CancelAsync();
        await worker;

        runs.Should().Be(2, "two enqueues during a run collapse into one rerun");
        maxConcurrent.Should().Be(1);
    }

    [Fact]
    public async Task Handler_Throws_KeyRetriedAfterBackoffOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var queue = new WorkQueue(new Backoff(TimeSpan.FromSeconds(1), jitter: () => 0), time, NullLogger.Instance);
        var attempts = 0;
        var scheduled = new TaskCompletionSource<TimeSpan>();
        queue.RetryScheduled += (_, delay) => scheduled.TrySetResult(delay);
        var retried = new TaskCompletionSource();
        using var cts = new CancellationTokenSource();
        var worker = queue.RunAsync(1, (_, _) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new InvalidOperationException("boom");
            }

            retried.TrySetResult();
            return Task.CompletedTask;
        }, cts.Token);

        queue.Enqueue(new WorkKey("c", "ns", "a"));
        (await scheduled.Task.WaitAsync(Timeout)).Should().Be(TimeSpan.FromSeconds(2), "first failure: 2^1 units");
        time.Advance(TimeSpan.FromSeconds(1.9));
        retried.Task.IsCompleted.Should().BeFalse("the retry waits for the back-off");
        time.Advance(TimeSpan.FromSeconds(0.1));
        await retried.Task.WaitAsync(Timeout);
        await cts.CancelAsync();
        await worker;
        attempts.Should().Be(2);
    }
}
