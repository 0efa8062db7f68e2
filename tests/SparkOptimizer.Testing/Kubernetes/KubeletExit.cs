namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>How a container ended: its exit code, its log (stdout, then stderr), and whether the Job's deadline killed it.</summary>
public sealed record KubeletExit(int ExitCode, string Log, bool DeadlineExceeded = false);
