using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// The batch/v1 Job that analyses one run: the operator's image running its one-shot <c>analyse-run</c> command with the request
/// in its environment, owned by the SparkOptimization (deleted with it), sized from the log, with a deadline, a TTL, and no
/// retries of its own (backoffLimit 0: the operator retries with back-off).
/// </summary>
public static class AnalysisJobSpec
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "spark-optimizer";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string Component = "analysis";
    public const string RunLabel = "sparkoptimizer.io/run";
    public const string RunIdAnnotation = "sparkoptimizer.io/run-id";
    public const string LogBytesAnnotation = "sparkoptimizer.io/log-bytes";
    public const string ContainerName = "analyse";
    public const string Command = "analyse-run";

    public static string NameFor(AnalysisRequest request, int attempt)
    {
        var prefix = new string(request.App.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').Take(30).ToArray()).Trim('-');
        return string.Create(CultureInfo.InvariantCulture, $"{(prefix.Length == 0 ? "run" : prefix)}-analysis-{RunHash(request)}-{attempt}");
    }

    /// <summary>Ten hex digits naming the run (namespace, app kind and name, run id): the same run always gets the same Jobs.</summary>
    public static string RunHash(AnalysisRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.App.Namespace}/{request.App.Kind}/{request.App.Name}/{request.RunId}")))[..10];

    /// <summary>The request in a Job's environment as JSON: without credentials (<see cref="AnalysisRequest.WithoutCredentials"/>).</summary>
    public static string RequestJson(AnalysisRequest request) => AnalysisJson.Write(request.WithoutCredentials());

    /// <summary>The nonce of the request a Job carries (a Job adopted after a restart has its own), or null.</summary>
    public static string? NonceOf(V1Job job)
    {
        var value = job.Spec?.Template?.Spec?.Containers?.SelectMany(c => c.Env ?? []).FirstOrDefault(e => e.Name == AnalysisJson.RequestVariable)?.Value;
        try
        {
            return value is null ? null : AnalysisJson.ReadRequest(value).Nonce;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a Job found in the run's namespace is the one <see cref="Build"/> makes for this attempt, so that it may be adopted
    /// and its nonce trusted: its exact name, our labels and run-id annotation, and a controller owner reference to the run's
    /// SparkOptimization by UID (none when the UID is not known). Labels others add (admission webhooks) do not matter.
    /// </summary>
    public static bool IsBuiltFor(V1Job job, AnalysisRequest request, int attempt)
    {
        var meta = job.Metadata;
        var labels = meta?.Labels ?? new Dictionary<string, string>();
        var controllers = meta?.OwnerReferences?.Where(o => o.Controller == true).ToList() ?? [];
        var owner = OwnerReference(request);
        return meta?.Name == NameFor(request, attempt)
            && Labels(request).All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value)
            && meta.Annotations?.TryGetValue(RunIdAnnotation, out var runId) == true && runId == request.RunId
            && (owner is null ? controllers.Count == 0
                : controllers is [var controller] && controller.Uid == owner.Uid && controller.Kind == owner.Kind && controller.Name == owner.Name);
    }

    public static V1Job Build(AnalysisRequest request, int attempt, long? logBytes, JobOptions options, EngineOptions engine)
    {
        var labels = Labels(request);
        var owner = OwnerReference(request);
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = NameFor(request, attempt),
                NamespaceProperty = request.App.Namespace,
                Labels = labels,
                Annotations = new Dictionary<string, string>
                {
                    [RunIdAnnotation] = request.RunId,
                    [LogBytesAnnotation] = logBytes?.ToString(CultureInfo.InvariantCulture) ?? "unknown",
                },
                OwnerReferences = owner is null ? null : [owner],
            },
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                ActiveDeadlineSeconds = options.ActiveDeadlineSeconds,
                TtlSecondsAfterFinished = options.TtlSecondsAfterFinished,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = PodSpec(request, logBytes, options, engine),
                },
            },
        };
    }

    private static Dictionary<string, string> Labels(AnalysisRequest request) => new()
    {
        [ManagedByLabel] = ManagedBy,
        [ComponentLabel] = Component,
        [RunLabel] = RunHash(request),
    };

    /// <summary>The run's SparkOptimization as the Job's controller (the app when there is none); null when its UID is not known.</summary>
    private static V1OwnerReference? OwnerReference(AnalysisRequest request)
    {
        var owner = request.Owner ?? request.App;
        return owner.Uid is null ? null
            : new V1OwnerReference { ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Name, Uid = owner.Uid, Controller = true };
    }

    private static V1PodSpec PodSpec(AnalysisRequest request, long? logBytes, JobOptions options, EngineOptions engine)
    {
        var volumes = new List<V1Volume> { new() { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() } };
        var mounts = new List<V1VolumeMount> { new() { Name = "tmp", MountPath = "/tmp" } };
        if (!string.IsNullOrWhiteSpace(options.VolumesJson))
        {
            volumes.AddRange(KubernetesJson.Deserialize<List<V1Volume>>(options.VolumesJson));
        }

        if (!string.IsNullOrWhiteSpace(options.VolumeMountsJson))
        {
            mounts.AddRange(KubernetesJson.Deserialize<List<V1VolumeMount>>(options.VolumeMountsJson));
        }

        return new V1PodSpec
        {
            RestartPolicy = "Never",
            ServiceAccountName = string.IsNullOrEmpty(options.ServiceAccountName) ? null : options.ServiceAccountName,
            SecurityContext = new V1PodSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = options.RunAsUser,
                RunAsGroup = options.RunAsGroup,
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            Containers =
            [
                new V1Container
                {
                    Name = ContainerName,
                    Image = options.Image,
                    ImagePullPolicy = options.ImagePullPolicy,
                    Args = [Command],
                    Env = Environment(request, options, engine),
                    EnvFrom = options.EnvFromSecrets.Count == 0 ? null
                        : options.EnvFromSecrets.Select(s => new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = s } }).ToList(),
                    Resources = JobSizing.Resources(logBytes, options),
                    SecurityContext = new V1SecurityContext
                    {
                        ReadOnlyRootFilesystem = true,
                        AllowPrivilegeEscalation = false,
                        Capabilities = new V1Capabilities { Drop = ["ALL"] },
                    },
                    VolumeMounts = mounts,
                },
            ],
            Volumes = volumes,
        };
    }

    /// <summary>
    /// The request, and the operator's own engine settings for reading logs (the Job reads them as the operator would), without
    /// credentials: the History Server's URL loses its user info.
    /// </summary>
    private static List<V1EnvVar> Environment(AnalysisRequest request, JobOptions options, EngineOptions engine)
    {
        var env = new List<V1EnvVar> { new() { Name = AnalysisJson.RequestVariable, Value = RequestJson(request) } };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                env.Add(new V1EnvVar { Name = name, Value = value });
            }
        }

        for (var i = 0; i < engine.LocalEventLogRoots.Count; i++)
        {
            Add($"Engine__LocalEventLogRoots__{i}", engine.LocalEventLogRoots[i]);
        }

        for (var i = 0; i < engine.EventLogSchemes.Count; i++)
        {
            Add($"Engine__EventLogSchemes__{i}", engine.EventLogSchemes[i]);
        }

        // the Job runs in the tenant's namespace: the History Server's user:password stays with the operator
        Add("Engine__HistoryServerUrl", engine.HistoryServerUrl is { } url ? EventLogSourceResolver.WithoutUserInfo(url) : null);
        Add("Engine__DefaultInstanceType", engine.DefaultInstanceType);
        Add("Engine__ThresholdsFile", engine.ThresholdsFile);
        foreach (var (name, value) in options.Env.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Add(name, value);
        }

        return env;
    }
}
