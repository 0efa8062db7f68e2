using System.IO.Compression;
using SparkOptimizer.Ingest;
using static SparkOptimizer.Tests.Ingest.Codecs.CodecTestData;

namespace SparkOptimizer.Tests.Ingest.Codecs;

/// <summary>
/// Cut and corrupted inputs for every codec: the only exception a caller may see is
/// <see cref="EventLogFormatException"/>, and a cut file must say "truncated" so the caller keeps what it read.
/// </summary>
public class DamagedInputTests
{
    public static TheoryData<string> CompressedLogs => new()
    {
        Lz4Log,
        SnappyLog,
        LzfLog,
        SparkZstdLog,
        ChecksummedZstdLog,
        GzipLog,
    };

    [Theory]
    [MemberData(nameof(CompressedLogs))]
    public void OpenDecompressing_LogCutInHalf_ThrowsTruncatedNamingFile(string log)
    {
        var bytes = Read(log);
        var half = bytes[..(bytes.Length / 2)];

        var decode = () => Decode(half, FileName(log));

        var error = decode.Should().Throw<EventLogFormatException>().Which;
        error.Message.Should().Contain("truncated").And.Contain(FileName(log));
        error.File.Should().Be(FileName(log));
        error.Offset.Should().BeInRange(1, half.Length);
    }

    [Theory]
    [MemberData(nameof(CompressedLogs))]
    public void OpenDecompressing_LogCutAnywhere_YieldsPrefixOfOriginalOrFormatError(string log)
    {
        var bytes = Read(log);
        var original = Decode(bytes, FileName(log));

        foreach (var cut in SpreadPositions(bytes.Length, 40))
        {
            try
            {
                var decoded = Decode(bytes[..cut], FileName(log));
                // Codecs without an end marker (snappy, lzf) may legitimately end at a block boundary.
                original.AsSpan().StartsWith(decoded).Should().BeTrue($"a cut at {cut} must not invent data");
            }
            catch (EventLogFormatException ex)
            {
                ex.Message.Should().Contain("truncated", $"cut at {cut}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CompressedLogs))]
    public void OpenDecompressing_ByteFlippedAnywhere_ThrowsOnlyFormatErrors(string log)
    {
        var bytes = Read(log);

        foreach (var index in SpreadPositions(bytes.Length, 60))
        {
            try
            {
                Decode(WithFlippedByte(bytes, index), FileName(log), maxChunk: 1 << 16);
            }
            catch (EventLogFormatException ex)
            {
                ex.File.Should().Be(FileName(log));
            }
        }
    }

    [Fact]
    public void OpenDecompressing_GzipByteFlipped_ThrowsCorrupt()
    {
        var bytes = Read(GzipLog);

        var decode = () => Decode(WithFlippedByte(bytes, bytes.Length / 2), "databricks.json.gz");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*corrupt gzip*")
            .Which.InnerException.Should().BeOfType<InvalidDataException>();
    }

    [Fact]
    public void OpenDecompressing_ZstdByteFlippedInChecksummedFrame_ThrowsCorrupt()
    {
        var bytes = Read(ChecksummedZstdLog);

        var decode = () => Decode(WithFlippedByte(bytes, bytes.Length / 2), "dsv1.zstd");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*corrupt zstd*");
    }

    [Fact]
    public void OpenDecompressing_GzipMembersConcatenated_ReadsEveryMember()
    {
        var plain = Read(SmallPlainLog);
        using var gz = new MemoryStream();
        foreach (var part in new[] { plain[..1000], plain[1000..30_000], plain[30_000..] })
        {
            using var member = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true);
            member.Write(part);
        }

        Decode(gz.ToArray(), "parts.gz").Should().Equal(plain);
    }

    [Fact]
    public void OpenDecompressing_GzipSecondMemberCut_ThrowsTruncated()
    {
        var member = Read(GzipLog);
        var twoMembers = member.Concat(member[..(member.Length / 3)]).ToArray();

        var decode = () => Decode(twoMembers, "two.gz");

        decode.Should().Throw<EventLogFormatException>().WithMessage("*truncated*");
    }

    private static IEnumerable<int> SpreadPositions(int length, int count) =>
        Enumerable.Range(1, count).Select(i => (int)((long)length * i / (count + 1)) + (i % 7)).Where(p => p < length).Distinct();
}
