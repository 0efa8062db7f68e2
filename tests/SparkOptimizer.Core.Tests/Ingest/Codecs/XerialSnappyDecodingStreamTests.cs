using SparkOptimizer.Ingest;
using SparkOptimizer.Tests.Ingest.Codecs.Encoders;
using static SparkOptimizer.Tests.Ingest.Codecs.CodecTestData;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class XerialSnappyDecodingStreamTests
{
    private const int FirstBlock = 16 + 4; // header, then the first block's length

    [Fact]
    public void Read_BlockLengthPreambleFlipped_ThrowsCorrupt()
    {
        // The raw block starts with the varint decoded length; a wrong one cannot decode consistently.
        var bytes = Read(SnappyLog);

        var decode = () => Decode(WithFlippedByte(bytes, FirstBlock + 1, 0x01), "app.snappy");

        var error = decode.Should().Throw<EventLogFormatException>().Which;
        error.Message.Should().Contain("corrupt snappy").And.Contain("app.snappy");
        error.Offset.Should().Be(16);
    }

    [Fact]
    public void Read_NegativeBlockLength_ThrowsCorrupt()
    {
        var bytes = Read(SnappyLog);
        bytes[16] = 0x7F;

        var decode = () => Decode(bytes, "app.snappy");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*invalid block length*");
    }

    [Fact]
    public void Read_ConcatenatedStreams_ReadsBoth()
    {
        var plain = Read(SnappyOriginal);
        var twice = Read(SnappyLog).Concat(XerialSnappyWriter.Encode(plain[..777])).ToArray();

        Decode(twice, "x.snappy").Should().Equal([.. plain, .. plain[..777]]);
    }

    [Fact]
    public void Read_WriterOutputWithLargeBlocks_RoundTrips()
    {
        var plain = Read(LzfOriginal);

        Decode(XerialSnappyWriter.Encode(plain, 1024 * 1024), "x.snappy").Should().Equal(plain);
    }

    [Fact]
    public void Read_CorruptSecondHeader_ThrowsCorrupt()
    {
        var second = XerialSnappyWriter.Encode("{}\n"u8);
        second[5] = (byte)'X';

        var decode = () => Decode([.. Read(SnappyLog), .. second], "x.snappy");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*malformed*header*");
    }
}
