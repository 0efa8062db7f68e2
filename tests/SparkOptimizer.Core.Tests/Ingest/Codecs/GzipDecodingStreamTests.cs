using SparkOptimizer.Ingest.Codecs;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class GzipDecodingStreamTests
{
    [Theory]
    [InlineData(0, 0u, 0L, true)]          // empty file
    [InlineData(5000, 4000u, 4000L, true)] // one member: ISIZE equals the output
    [InlineData(9000, 4000u, 9000L, true)] // last of several members
    [InlineData(5000, 0xDEADBEEFu, 4000L, false)] // cut inside deflate data: arbitrary last bytes
    [InlineData(12, 0u, 0L, false)]        // shorter than any complete member
    public void TrailerLooksComplete_LastFourBytes_JudgedAgainstDecodedLength(long compressed, uint lastFour, long decoded, bool expected)
    {
        // The fallback used when the runtime's strict inflater validation is not in effect.
        GzipDecodingStream.TrailerLooksComplete(compressed, lastFour, decoded).Should().Be(expected);
    }
}
