using System.Buffers.Binary;
using SparkOptimizer.Ingest;
using SparkOptimizer.Tests.Ingest.Codecs.Encoders;
using static SparkOptimizer.Tests.Ingest.Codecs.CodecTestData;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class Lz4BlockDecodingStreamTests
{
    private const int FirstBlockHeader = 0;
    private const int HeaderLength = 21;

    [Fact]
    public void Read_ChecksumFieldFlipped_ThrowsChecksumMismatchAtBlockOffset()
    {
        var bytes = Read(Lz4Log);
        var secondBlock = HeaderLength + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(9));

        var decode = () => Decode(WithFlippedByte(bytes, secondBlock + 17), "app.lz4");

        var error = decode.Should().Throw<EventLogFormatException>().Which;
        error.Message.Should().Contain("checksum mismatch").And.Contain("app.lz4");
        error.Offset.Should().Be(secondBlock);
    }

    [Fact]
    public void Read_LiteralByteFlipped_ThrowsChecksumMismatch()
    {
        // The block starts with a literal run ("{"Event":...), so this flip decodes fine but to other bytes.
        var bytes = Read(Lz4Log);

        var decode = () => Decode(WithFlippedByte(bytes, HeaderLength + 3, 0x01), "app.lz4");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*checksum mismatch*");
    }

    [Fact]
    public void Read_UnknownCompressionMethod_ThrowsCorrupt()
    {
        var bytes = Read(Lz4Log);
        bytes[FirstBlockHeader + 8] = 0x35;

        var decode = () => Decode(bytes, "app.lz4");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*corrupt lz4*invalid block header*");
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(64 * 1024)]
    [InlineData(4 * 1024 * 1024)]
    public void Read_WriterOutputWithBlockSize_RoundTrips(int blockSize)
    {
        var plain = Read(Lz4Original);

        Decode(Lz4BlockWriter.Encode(plain, blockSize), "x.lz4").Should().Equal(plain);
    }

    [Fact]
    public void Read_IncompressibleDataInRawBlocks_RoundTrips()
    {
        var noise = new byte[100_000];
        new Random(42).NextBytes(noise);
        var encoded = Lz4BlockWriter.Encode(noise);

        encoded[8].Should().Be(0x15, "random bytes are stored with the raw method");
        Decode(encoded, "x.lz4").Should().Equal(noise);
    }

    [Fact]
    public void Read_ConcatenatedStreams_ReadsBoth()
    {
        var plain = Read(Lz4Original);
        var twice = Lz4BlockWriter.Encode(plain).Concat(Lz4BlockWriter.Encode(plain[..5000])).ToArray();

        Decode(twice, "x.lz4").Should().Equal([.. plain, .. plain[..5000]]);
    }

    [Fact]
    public void Read_MissingEndBlock_ThrowsTruncated()
    {
        var encoded = Lz4BlockWriter.Encode(Read(Lz4Original), writeEndBlock: false);

        var decode = () => Decode(encoded, "x.lz4.inprogress");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*truncated*no end block*");
    }

    [Fact]
    public void Read_GarbageAfterEndBlock_ThrowsCorrupt()
    {
        var encoded = Read(Lz4Log).Concat(new byte[30]).ToArray();

        var decode = () => Decode(encoded, "x.lz4");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*corrupt lz4*magic*");
    }
}
