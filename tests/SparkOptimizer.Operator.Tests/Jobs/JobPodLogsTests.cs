using System.Text;
using SparkOptimizer.Operator.Jobs;

namespace SparkOptimizer.Tests.Jobs;

public sealed class JobPodLogsTests
{
    [Fact]
    public async Task ReadCappedAsync_LogPastTheCap_KeepsItsLastBytesFromAWholeLine()
    {
        var log = string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i:D3} {new string('x', 40)}\n")) + "RESULT last\n";

        var (text, cut) = await JobPodLogs.ReadCappedAsync(new TrickleStream(Encoding.UTF8.GetBytes(log), 7), 200, CancellationToken.None);

        cut.Should().BeTrue();
        text.Should().EndWith("RESULT last\n", "the result is printed last").And.StartWith("line ", "a cut log starts at a whole line");
        Encoding.UTF8.GetByteCount(text).Should().BeLessThanOrEqualTo(200);
        log.Should().EndWith(text);
    }

    [Fact]
    public async Task ReadCappedAsync_CutInsideAMultiByteCharacter_DropsThatPartialLine()
    {
        var log = "ééééééééé\nlast line\n";

        var (text, cut) = await JobPodLogs.ReadCappedAsync(new MemoryStream(Encoding.UTF8.GetBytes(log)), 12, CancellationToken.None);

        cut.Should().BeTrue();
        text.Should().Be("last line\n");
    }

    [Fact]
    public async Task ReadCappedAsync_LogWithinTheCap_IsReadWholeAndNotCut()
    {
        var (text, cut) = await JobPodLogs.ReadCappedAsync(new TrickleStream(Encoding.UTF8.GetBytes("a\nb\n"), 1), 4, CancellationToken.None);

        cut.Should().BeFalse();
        text.Should().Be("a\nb\n");
    }

    /// <summary>Hands out a few bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] bytes, int perRead) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
    }
}
