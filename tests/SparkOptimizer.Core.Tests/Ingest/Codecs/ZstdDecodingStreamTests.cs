using SparkOptimizer.Testing;
using ZstdSharp;
using static SparkOptimizer.Tests.Ingest.Codecs.CodecTestData;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class ZstdDecodingStreamTests
{
    [Fact]
    public void Read_SparkWrittenMultiFrameLog_EqualsFramesDecodedOneByOne()
    {
        var bytes = Read(SparkZstdLog);
        var frames = ZstdFrames.Split(bytes);
        using var expected = new MemoryStream();
        using var decompressor = new Decompressor();
        foreach (var (offset, length) in frames)
        {
            expected.Write(decompressor.Unwrap(bytes.AsSpan(offset, length)));
        }

        var decoded = Decode(bytes, FileName(SparkZstdLog));

        frames.Should().HaveCount(146, "SOURCES.md and `zstd -lv` count 146 frames");
        decoded.Should().Equal(expected.ToArray());
        var firstFrame = decompressor.Unwrap(bytes.AsSpan(frames[0].Offset, frames[0].Length)).Length;
        firstFrame.Should().BeLessThan(decoded.Length / 100, "stopping after one frame would lose over 99%");
    }

    [Fact]
    public void Read_SparkWrittenMultiFrameLog_HasEveryJsonLine()
    {
        var decoded = Decode(Read(SparkZstdLog), FileName(SparkZstdLog));
        var lines = System.Text.Encoding.UTF8.GetString(decoded).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Should().HaveCount(274, "SOURCES.md counts 274 non-empty lines").And.OnlyContain(l => l.StartsWith('{'));
        lines[^1].Should().Contain("SparkListenerApplicationEnd");
    }

    [Fact]
    public void Read_EveryCorpusZstdFile_MatchesFrameByFrameDecoding()
    {
        var files = Directory.GetFiles(Corpus.EventLogs, "*.zstd", SearchOption.AllDirectories);
        using var decompressor = new Decompressor();

        files.Should().HaveCountGreaterThan(20);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            using var expected = new MemoryStream();
            foreach (var (offset, length) in ZstdFrames.Split(bytes))
            {
                expected.Write(decompressor.Unwrap(bytes.AsSpan(offset, length)));
            }

            Decode(bytes, file, maxChunk: 1 << 16).Should().Equal(expected.ToArray(), file);
        }
    }

    [Fact]
    public void Read_SkippableFrameBeforeData_IsSkipped()
    {
        var data = Read(ChecksummedZstdLog);
        byte[] skippable = [0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3];

        var decoded = Decode([.. skippable, .. data], "x.bin");

        decoded.Should().Equal(Decode(data, "x.zstd"));
    }

    [Fact]
    public void Read_GarbageAfterLastFrame_ThrowsCorrupt()
    {
        var data = Read(ChecksummedZstdLog);

        var decode = () => Decode([.. data, .. "not zstd"u8.ToArray()], "x.zstd");

        decode.Should().Throw<SparkOptimizer.Ingest.EventLogFormatException>().WithMessage("*corrupt zstd*");
    }
}
