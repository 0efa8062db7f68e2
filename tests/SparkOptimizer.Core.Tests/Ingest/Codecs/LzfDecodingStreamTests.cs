using SparkOptimizer.Ingest;
using SparkOptimizer.Tests.Ingest.Codecs.Encoders;
using static SparkOptimizer.Tests.Ingest.Codecs.CodecTestData;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class LzfDecodingStreamTests
{
    [Fact]
    public void Read_CompressedChunksWithBackReferences_RoundTrip()
    {
        var plain = Read(LzfOriginal);
        var encoded = LzfWriter.Encode(plain);

        encoded.Length.Should().BeLessThan(plain.Length / 3, "the writer must really use back-references");
        Decode(encoded, "x.lzf").Should().Equal(plain);
    }

    [Fact]
    public void Read_StoredChunks_RoundTrip()
    {
        var plain = Read(SmallPlainLog);

        Decode(LzfWriter.Encode(plain, chunkSize: 10_000, compress: false), "x.lzf").Should().Equal(plain);
    }

    [Fact]
    public void Read_ControlByteTurnedIntoFarBackReference_ThrowsCorruptAtChunk()
    {
        // The corpus chunks start with a 32-literal run (0x1F); 0xFF instead points 8 KiB before the chunk start.
        var bytes = Read(LzfLog);
        var secondChunk = 7 + ((bytes[3] << 8) | bytes[4]);
        bytes[secondChunk + 7].Should().Be(0x1F);

        var decode = () => Decode(WithFlippedByte(bytes, secondChunk + 7, 0xE0), "app.lzf");

        var error = decode.Should().Throw<EventLogFormatException>().Which;
        error.Message.Should().Contain("corrupt lzf").And.Contain("before the start");
        error.Offset.Should().Be(secondChunk);
    }

    [Fact]
    public void Read_UnknownChunkType_ThrowsCorrupt()
    {
        var bytes = Read(LzfLog);
        var secondChunk = 7 + ((bytes[3] << 8) | bytes[4]);
        bytes[secondChunk + 2] = 7;

        var decode = () => Decode(bytes, "app.lzf");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*unknown chunk type 7*")
            .Which.Offset.Should().Be(secondChunk);
    }

    [Fact]
    public void Read_DeclaredLengthLargerThanDecoded_ThrowsCorrupt()
    {
        var bytes = Read(LzfLog);
        bytes[6] ^= 0x01; // uncompressed length of the first chunk

        var decode = () => Decode(bytes, "app.lzf");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*corrupt lzf*");
    }
}
