using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Controllers;
using SparkOptimizer.Operator.Entities.Apache;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Leadership;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Operator;

/// <summary>
/// The operator: elects a leader, and while leading lists and watches the enabled kinds in the configured
/// namespaces, feeds a work queue, and runs the controllers. Everything a term needs is built fresh per term.
/// </summary>
public sealed class OperatorRuntime
{
    private readonly IKubernetes client;
    private readonly OperatorOptions options;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggers;
    private readonly ILogger logger;
    private readonly RunPipeline pipeline;
    private readonly LeaderElection? election;
    private readonly CrdReport crdReport = new();
    private volatile Term? current;
    private int optimizationReconciles;

    public OperatorRuntime(IKubernetes client, OperatorOptions options, IRunProcessor processor, OperatorMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        this.client = client;
        this.options = options;
        this.time = time;
        this.loggers = loggers;
        Metrics = metrics;
        logger = loggers.CreateLogger<OperatorRuntime>();
        Identity = LeaderElection.ResolveIdentity(options.LeaderElection.Identity);
        var events = new AppEvents(client, time, Identity, loggers.CreateLogger<AppEvents>());
        pipeline = new RunPipeline(new SparkOptimizationClient(client), processor, events, metrics, time, options.ProcessedRunsLimit, options.MaxAnalysisAttempts,
            new EventLogWait(options.EventLogWaitWindow, new Backoff(options.EventLogRetryUnit)), loggers.CreateLogger<RunPipeline>());
        if (options.LeaderElection.Enabled)
        {
            election = new LeaderElection(client, options.LeaderElection, Identity, LeaderElection.ResolveNamespace(options.LeaderElection.LeaseNamespace), loggers.CreateLogger<LeaderElection>());
            election.LeadershipChanged += leading => metrics.IsLeader.Set(leading ? 1 : 0);
        }
    }

    public string Identity { get; }

    public OperatorMetrics Metrics { get; }

    public bool IsLeader => election?.IsLeader ?? current is not null;

    /// <summary>Ready: a standby replica is ready; a leader once every watcher has listed (or found its CRD missing).</summary>
    public bool Ready => current is not { } term ? election is not null : term.Watchers.All(w => w.Synced);

    /// <summary>Kinds whose CRD the API server does not serve (the operator keeps running without them).</summary>
    public IReadOnlyList<string> MissingCrds => crdReport.Missing();

    /// <summary>Reconciles of SparkOptimizations so far (status writes must not cause any).</summary>
    public int OptimizationReconciles => Volatile.Read(ref optimizationReconciles);

    public Task RunAsync(CancellationToken cancellationToken) =>
        election is null ? RunTermAsync(cancellationToken) : election.RunAsync(RunTermAsync, cancellationToken);

    private async Task RunTermAsync(CancellationToken cancellationToken)
    {
        var term = new Term(this);
        current = term;
        if (election is null)
        {
            Metrics.IsLeader.Set(1);
        }

        try
        {
            var tasks = term.Watchers.Select(w => w.RunAsync(cancellationToken)).ToList();
            tasks.Add(term.Queue.RunAsync(options.Concurrency, term.DispatchAsync, cancellationToken));
            await Task.WhenAll(tasks);
        }
        finally
        {
            if (current == term)
            {
                current = null;
            }
        }
    }

    /// <summary>The watchers, caches, queue and controllers of one leadership term.</summary>
    private sealed class Term
    {
        private readonly OperatorRuntime owner;
        private readonly Dictionary<string, IController> controllers = [];

        public Term(OperatorRuntime owner)
        {
            this.owner = owner;
            var settings = new WatcherSettings(new Backoff(owner.options.BackoffUnit), owner.options.MissingCrdRetry, owner.options.WatchTimeoutSeconds, owner.crdReport);
            Queue = new WorkQueue(new Backoff(owner.options.BackoffUnit), owner.time, owner.loggers.CreateLogger<WorkQueue>());
            Queue.DepthChanged += depth => owner.Metrics.QueueDepth.Set(depth);

            var optimizations = new ResourceCache<V1Alpha1SparkOptimization>();
            Watch<V1Alpha1SparkOptimization>(
                new WatchedResource(V1Alpha1SparkOptimization.Group, V1Alpha1SparkOptimization.Version, V1Alpha1SparkOptimization.Plural, ControllerNames.SparkOptimization),
                optimizations, settings with { SkipUnchangedGeneration = true });
            Add(new SparkOptimizationController(optimizations, new SparkOptimizationClient(owner.client), owner.loggers.CreateLogger<SparkOptimizationController>()));

            if (owner.options.Watch.Kubeflow)
            {
                var apps = new ResourceCache<V1Beta2SparkApplication>();
                var schedules = new ResourceCache<V1Beta2ScheduledSparkApplication>();
                Watch<V1Beta2SparkApplication>(
                    new WatchedResource(V1Beta2SparkApplication.Group, V1Beta2SparkApplication.Version, V1Beta2SparkApplication.Plural, ControllerNames.KubeflowSparkApplication),
                    apps, settings);
                Watch<V1Beta2ScheduledSparkApplication>(
                    new WatchedResource(V1Beta2SparkApplication.Group, V1Beta2SparkApplication.Version, V1Beta2ScheduledSparkApplication.Plural, ControllerNames.KubeflowScheduledSparkApplication),
                    schedules, settings);
                Add(new KubeflowSparkApplicationController(apps, owner.pipeline, Queue, owner.loggers.CreateLogger<KubeflowSparkApplicationController>()));
                Add(new ScheduledSparkApplicationController(schedules, apps, owner.pipeline, owner.loggers.CreateLogger<ScheduledSparkApplicationController>()));
            }

            if (owner.options.Watch.Apache)
            {
                var apps = new ResourceCache<V1SparkApplication>();
                Watch<V1SparkApplication>(
                    new WatchedResource(V1SparkApplication.Group, V1SparkApplication.Version, V1SparkApplication.Plural, ControllerNames.ApacheSparkApplication),
                    apps, settings);
                Add(new ApacheSparkApplicationController(apps, owner.pipeline, owner.loggers.CreateLogger<ApacheSparkApplicationController>()));
            }
        }

        public WorkQueue Queue { get; }

        public List<IWatcher> Watchers { get; } = [];

        public async Task DispatchAsync(WorkKey key, CancellationToken cancellationToken)
        {
            if (!controllers.TryGetValue(key.Controller, out var controller))
            {
                return;
            }

            if (controller is SparkOptimizationController)
            {
                Interlocked.Increment(ref owner.optimizationReconciles);
            }

            var started = owner.time.GetTimestamp();
            try
            {
                await controller.ReconcileAsync(key.Namespace, key.Name, cancellationToken);
            }
            catch (Exception e) when (e is not RequeueException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                owner.Metrics.ReconcileErrors.WithLabels(controller.Name).Inc();
                throw;
            }
            finally
            {
                owner.Metrics.ReconcileDuration.WithLabels(controller.Name).Observe(owner.time.GetElapsedTime(started).TotalSeconds);
            }
        }

        private void Add(IController controller) => controllers[controller.Name] = controller;

        private void Watch<T>(WatchedResource resource, ResourceCache<T> cache, WatcherSettings settings)
            where T : IKubernetesObject<V1ObjectMeta>
        {
            var sink = new CachingSink<T>(cache, Queue, resource.Controller);
            var logger = owner.loggers.CreateLogger<ResourceWatcher<T>>();
            var namespaces = owner.options.Namespaces.Count == 0 ? [null] : owner.options.Namespaces.Distinct().Select(n => (string?)n);
            foreach (var ns in namespaces)
            {
                var watcher = new ResourceWatcher<T>(owner.client, resource, ns, sink, settings, owner.time, logger);
                Watchers.Add(new WatcherHandle(resource.ToString(), watcher.RunAsync, () => watcher.Synced, () => watcher.CrdMissing));
            }
        }
    }
}
