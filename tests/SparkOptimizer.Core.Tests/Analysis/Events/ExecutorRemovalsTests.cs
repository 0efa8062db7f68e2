using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Events;

namespace SparkOptimizer.Tests.Analysis.Events;

public sealed class ExecutorRemovalsTests
{
    [Theory]
    [InlineData("Container container_e18_1628109047826_1317105_01_000010 exited from explicit termination request.")]
    [InlineData("Executor killed by driver.")]
    [InlineData("Dynamic allocation")]
    [InlineData("Executor decommission.")]
    public void Classify_ReleasesTheDriverAskedFor_AreNotLosses(string reason) =>
        ExecutorRemovals.Classify(reason).IsLoss.Should().BeFalse();

    [Theory]
    [InlineData("Container marked as failed: container_1 on host: h. Exit status: 56. Diagnostics: ...", FailureKind.Heartbeat, 56)]
    [InlineData("Container exited with a non-zero exit code 52", FailureKind.JvmOutOfMemory, 52)]
    [InlineData("Container killed on request. Exit code is 137", FailureKind.ContainerKilled, 137)]
    [InlineData("Container marked as failed: container_2. Exit status: -100. Diagnostics: Container released on a *lost* node", FailureKind.Infrastructure, -100)]
    [InlineData("Container marked as failed: container_3. Exit status: -104. Diagnostics: pmem", FailureKind.ContainerKilled, -104)]
    public void Classify_ExitCodes_AreLossesWithTheirCause(string reason, FailureKind cause, int code)
    {
        var removal = ExecutorRemovals.Classify(reason);

        removal.IsLoss.Should().BeTrue();
        removal.Cause.Should().Be(cause);
        removal.ExitCode.Should().Be(code);
        removal.Meaning.Should().Contain(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Classify_AnExitCodeWinsOverAReleaseWord()
    {
        // "idle" appears in YARN's diagnostics of a container that still died with exit 137.
        ExecutorRemovals.Classify("Container killed on request. Exit code is 137. Container was idle").IsLoss.Should().BeTrue();
    }

    [Theory]
    [InlineData("worker lost: 10.59.184.228:46767 got disassociated")]
    [InlineData("Executor Process Lost")]
    [InlineData(null)]
    public void Classify_LostWorkersAndMissingReasons_AreLosses(string? reason)
    {
        var removal = ExecutorRemovals.Classify(reason);

        removal.IsLoss.Should().BeTrue();
        removal.ExitCode.Should().BeNull();
    }
}
