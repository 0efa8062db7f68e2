using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>
/// Records Kubernetes Events on the Spark applications and on their SparkOptimizations (each event on every object it concerns, so
/// that `kubectl describe` of either shows it); a failure to record is logged, never fatal.
/// </summary>
public sealed class AppEvents(IKubernetes client, TimeProvider time, string instance, ILogger logger)
{
    private const string Component = "spark-optimizer";
    private long sequence;

    public async Task NormalAsync(IReadOnlyList<AppIdentity> involved, string reason, string message, CancellationToken cancellationToken)
    {
        foreach (var app in involved)
        {
            await RecordAsync(app, "Normal", reason, message, cancellationToken);
        }
    }

    public async Task WarningAsync(IReadOnlyList<AppIdentity> involved, string reason, string message, CancellationToken cancellationToken)
    {
        foreach (var app in involved)
        {
            await RecordAsync(app, "Warning", reason, message, cancellationToken);
        }
    }

    private async Task RecordAsync(AppIdentity app, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{now.Ticks:x}{Interlocked.Increment(ref sequence):x}");
        var @event = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{app.Name}.{suffix}", NamespaceProperty = app.Namespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = app.ApiVersion, Kind = app.Kind, Name = app.Name, NamespaceProperty = app.Namespace, Uid = app.Uid,
            },
            Reason = reason,
            Message = message.Length > 1024 ? message[..1024] : message,
            Type = type,
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = instance,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(@event, app.Namespace, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record event {Reason} on {App}", reason, app);
        }
    }
}
