namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>One container the fake kubelet runs: the Job's pod, the command line (image entrypoint plus the Job's args), its environment and deadline.</summary>
public sealed record KubeletRun(string Namespace, string Job, string Pod, IReadOnlyList<string> CommandLine, IReadOnlyDictionary<string, string> Environment, TimeSpan? Deadline);
