namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// When and how the operator analyses a run in a Kubernetes Job instead of in its own process (configuration "Engine:Jobs";
/// Helm values <c>analysisJobs.*</c>). Logs at or above <see cref="SizeThresholdBytes"/>, or any log while all
/// <see cref="MaxInProcess"/> in-process slots are busy, go to a Job; at most <see cref="MaxInFlight"/> Jobs run at once.
/// </summary>
public sealed class JobOptions
{
    /// <summary>Off: every run is analysed in the operator, as before.</summary>
    public bool Enabled { get; set; }

    /// <summary>Logs of this size or more (stored bytes, compressed logs x <see cref="CompressionFactor"/>) are analysed in a Job.</summary>
    public long SizeThresholdBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Analyses in the operator's process at once; past it, runs go to Jobs.</summary>
    public int MaxInProcess { get; set; } = 2;

    /// <summary>Analysis Jobs at once; further runs wait for a slot.</summary>
    public int MaxInFlight { get; set; } = 10;

    /// <summary>Jobs tried per run (each Job has backoffLimit 0: the retries are ours, with back-off between them).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; doubled for each further one.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Job's activeDeadlineSeconds: past it Kubernetes kills the pod and the attempt counts as timed out.</summary>
    public int ActiveDeadlineSeconds { get; set; } = 1800;

    /// <summary>The Job's ttlSecondsAfterFinished (Kubernetes removes it afterwards; the operator deletes it once read).</summary>
    public int TtlSecondsAfterFinished { get; set; } = 600;

    /// <summary>The operator's own image (the Job runs its one-shot <c>analyse-run</c> command).</summary>
    public string Image { get; set; } = "ghcr.io/spark-optimizer/operator:latest";

    public string ImagePullPolicy { get; set; } = "IfNotPresent";

    /// <summary>
    /// The pod's runAsUser and runAsGroup: numeric, because with runAsNonRoot the kubelet refuses an image whose USER is a name it
    /// cannot check. 1654 is the .NET images' APP_UID, the image's own user. Null leaves it to the image (its USER must be numeric).
    /// </summary>
    public long? RunAsUser { get; set; } = JobDefaults.AppUid;

    public long? RunAsGroup { get; set; } = JobDefaults.AppUid;

    /// <summary>Service account of the Job's pod (the operator's: it reads event logs with the same identity).</summary>
    public string? ServiceAccountName { get; set; }

    /// <summary>Secrets whose keys become the Job's environment (object-store credentials), as the operator's envFrom.</summary>
    public List<string> EnvFromSecrets { get; set; } = [];

    /// <summary>Extra environment of the Job's container (e.g. AWS_ENDPOINT_URL).</summary>
    public Dictionary<string, string> Env { get; set; } = [];

    /// <summary>Volumes and mounts of the Job's pod, as JSON arrays of Kubernetes Volume / VolumeMount (the event-log roots).</summary>
    public string? VolumesJson { get; set; }

    public string? VolumeMountsJson { get; set; }

    /// <summary>Memory request: this base plus <see cref="MemoryPerGiB"/> per GiB of log; the limit is <see cref="LimitFactor"/> x the request.</summary>
    public long BaseMemoryBytes { get; set; } = 256L * 1024 * 1024;

    public long MemoryPerGiB { get; set; } = 256L * 1024 * 1024;

    public double LimitFactor { get; set; } = 2;

    /// <summary>CPU request in millicores: this base plus <see cref="MilliCpuPerGiB"/> per GiB of log, at most <see cref="MaxMilliCpu"/>.</summary>
    public int BaseMilliCpu { get; set; } = 500;

    public int MilliCpuPerGiB { get; set; } = 500;

    public int MaxMilliCpu { get; set; } = 2000;

    /// <summary>A compressed log (zstd, lz4, snappy, lzf) is sized as this many times its stored bytes.</summary>
    public double CompressionFactor { get; set; } = 8;
}
