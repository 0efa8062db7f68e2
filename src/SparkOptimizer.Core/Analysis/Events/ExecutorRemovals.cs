using System.Globalization;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Analysis.Events;

/// <summary>Classifies executor removal reasons and the exit codes inside them (Spark's ExecutorExitCode, YARN's and the kernel's).</summary>
public static partial class ExecutorRemovals
{
    private static readonly string[] Released =
    [
        "explicit termination request", "killed by driver", "requested by driver", "requested by the driver", "dynamic allocation",
        "idle", "decommission", "scaled down", "removed by driver",
    ];

    public static ExecutorRemoval Classify(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new(true, FailureKind.ExecutorLost, null, "removed without a reason");
        }

        var code = ExitCode(reason);
        if (code is null && Released.Any(r => reason.Contains(r, StringComparison.OrdinalIgnoreCase)))
        {
            return new(false, FailureKind.Unknown, null, "released by the driver (dynamic allocation or an explicit request), not a failure");
        }

        return code switch
        {
            52 => new(true, FailureKind.JvmOutOfMemory, 52, "exit 52: the executor JVM died of OutOfMemoryError"),
            56 => new(true, FailureKind.Heartbeat, 56, "exit 56: the executor could not send heartbeats to the driver more than spark.executor.heartbeat.maxFailures times"),
            53 or 54 or 55 => new(true, FailureKind.Infrastructure, code, $"exit {code}: the executor could not create its local block-store directories (disk full or unwritable)"),
            50 or 51 => new(true, FailureKind.Application, code, $"exit {code}: an uncaught exception in the executor"),
            137 => new(true, FailureKind.ContainerKilled, 137, "exit 137: the container was killed (SIGKILL), usually for exceeding its memory limit"),
            143 => new(true, FailureKind.ContainerKilled, 143, "exit 143: the container was terminated (SIGTERM), on YARN usually for exceeding its memory"),
            -100 or -102 or -103 or -104 => new(true, code is -103 or -104 ? FailureKind.ContainerKilled : FailureKind.Infrastructure, code,
                $"exit {code}: " + code switch { -103 => "YARN killed the container for exceeding virtual memory", -104 => "YARN killed the container for exceeding physical memory", _ => "YARN preempted the container or lost its node" }),
            { } other => new(true, FailureKind.ExecutorLost, other, $"exit {other}"),
            null => new(true, FailureClassifier.Classify(null, reason) is var k && k != FailureKind.Unknown ? k : FailureKind.ExecutorLost, null, "lost: " + Fmt.FirstLine(reason, 120)),
        };
    }

    private static int? ExitCode(string reason) =>
        ExitPattern().Match(reason) is { Success: true } m && int.TryParse(m.Groups["code"].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;

    // "exit code 56", "Exit status: 56", "exitCode=56", and YARN's "Container killed on request. Exit code is 137".
    [GeneratedRegex(@"(?:exit (?:code|status)(?: is)?[:=]?\s*|exitCode[=:]\s*)(?<code>-?\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExitPattern();
}
