using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class RunFailureClassifierTests
{
    [Theory]
    [InlineData("SUBMISSION_FAILED: 0/12 nodes are available: FailedScheduling Insufficient memory")]
    [InlineData("FAILED: driver pod ImagePullBackOff")]
    [InlineData("FAILED: executor pods did not start in time (timed out after 600s)")]
    [InlineData("FAILED: node lost to spot interruption")]
    public void Classify_OperatorInfrastructureState_InfrastructureAndNeverTunes(string state)
    {
        var result = RunFailureClassifier.Classify(state, []);
        result.Class.Should().Be(RunFailureClass.Infrastructure);
        result.MayTuneConf.Should().BeFalse();
    }

    [Theory]
    [InlineData("Executor decommission: spot instance interruption")]
    [InlineData("Node lost: NodeNotReady")]
    public void Classify_ExecutorRemovedByPlatform_Infrastructure(string reason) =>
        RunFailureClassifier.Classify(null, [reason]).Class.Should().Be(RunFailureClass.Infrastructure);

    [Theory]
    [InlineData("java.lang.OutOfMemoryError: Java heap space", true)]
    [InlineData("The executor with id 3 exited with exit code 137(SIGKILL, possible container OOM).", true)]
    [InlineData("ExceptionFailure", false)]
    public void Classify_ApplicationReason_ApplicationAndTunes(string reason, bool memory)
    {
        var result = RunFailureClassifier.Classify("FAILED", [reason]);
        result.Class.Should().Be(RunFailureClass.Application);
        result.MemoryFailure.Should().Be(memory);
        result.MayTuneConf.Should().BeTrue();
    }

    [Fact]
    public void Classify_OomOnSpotNodes_ApplicationWins() =>
        RunFailureClassifier.Classify("FAILED", ["spot interruption", "java.lang.OutOfMemoryError: GC overhead limit exceeded"]).Class.Should().Be(RunFailureClass.Application);

    [Fact]
    public void Classify_RealLog_NotInfrastructure() =>
        RunFailureClassifier.Classify(ReplayedHistory.Run).Class.Should().NotBe(RunFailureClass.Infrastructure);
}
