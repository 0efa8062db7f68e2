using System.Text.RegularExpressions;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class CodecDetectorTests
{
    [Theory]
    [InlineData("28B52FFD0048D101", EventLogCodec.Zstd)]
    [InlineData("502A4D1804000000", EventLogCodec.Zstd)]
    [InlineData("5F2A4D1800000000", EventLogCodec.Zstd)]
    [InlineData("1F8B080000000000", EventLogCodec.Gzip)]
    [InlineData("4C5A34426C6F636B", EventLogCodec.Lz4)]
    [InlineData("82534E4150505900", EventLogCodec.Snappy)]
    [InlineData("5A5601210020001F", EventLogCodec.Lzf)]
    [InlineData("504B030414000000", EventLogCodec.Zip)]
    [InlineData("504B050600000000", EventLogCodec.Zip)]
    [InlineData("7B224576656E7422", EventLogCodec.Plain)]
    [InlineData("5A5621000000001F", EventLogCodec.Plain)]
    public void Detect_MagicBytesWithUnrelatedName_ReturnsCodecOfMagic(string hex, EventLogCodec expected)
    {
        var header = Convert.FromHexString(hex);

        CodecDetector.Detect(header, "events.txt").Should().Be(expected);
    }

    [Theory]
    [InlineData("app.zstd")]
    [InlineData("app.lz4")]
    [InlineData("app.gz")]
    [InlineData("app.snappy")]
    public void Detect_PlainJsonWithCodecName_ReturnsPlain(string fileName)
    {
        CodecDetector.Detect("{\"Event\""u8, fileName).Should().Be(EventLogCodec.Plain);
    }

    [Theory]
    [InlineData("local-1.zstd", EventLogCodec.Zstd)]
    [InlineData("local-1.zst", EventLogCodec.Zstd)]
    [InlineData("/logs/local-1.LZ4", EventLogCodec.Lz4)]
    [InlineData("local-1.snappy", EventLogCodec.Snappy)]
    [InlineData("local-1.lzf", EventLogCodec.Lzf)]
    [InlineData("part.gz", EventLogCodec.Gzip)]
    [InlineData("logs.zip", EventLogCodec.Zip)]
    [InlineData("local-1.lz4.inprogress", EventLogCodec.Lz4)]
    [InlineData("local-1.inprogress", EventLogCodec.Plain)]
    [InlineData("local-1", EventLogCodec.Plain)]
    public void Detect_EmptyHeader_FallsBackToExtension(string fileName, EventLogCodec expected)
    {
        CodecDetector.Detect([], fileName).Should().Be(expected);
    }

    [Theory]
    [InlineData("4C5A34", "app.lz4", EventLogCodec.Lz4)]
    [InlineData("28B5", "app.zstd", EventLogCodec.Zstd)]
    [InlineData("5A", "app.lzf", EventLogCodec.Lzf)]
    [InlineData("7B0A", "app.zstd", EventLogCodec.Plain)]
    [InlineData("4C5A34", "app.txt", EventLogCodec.Plain)]
    public void Detect_ShortHeader_UsesExtensionOnlyWhenHeaderCouldStillBeItsMagic(string hex, string fileName, EventLogCodec expected)
    {
        CodecDetector.Detect(Convert.FromHexString(hex), fileName).Should().Be(expected);
    }

    [Fact]
    public void Detect_EveryCorpusFile_MatchesMagicColumnOfSourcesTable()
    {
        // SOURCES.md lists, per log, the codec found by magic bytes; our detector must agree on every single file.
        var rows = Regex.Matches(
            File.ReadAllText(Path.Combine(Corpus.EventLogs, "SOURCES.md")),
            @"^\| `(?<path>[^`]+)` \|.*\| (?<magic>[^|]+) \|\s*$",
            RegexOptions.Multiline);
        var checkedFiles = 0;
        foreach (Match row in rows)
        {
            var path = Path.Combine(Corpus.EventLogs, row.Groups["path"].Value);
            var expected = FromSourcesColumn(row.Groups["magic"].Value);
            if (!File.Exists(path) || expected is null)
            {
                continue; // folders and the driver log ("unknown")
            }

            var header = File.ReadAllBytes(path).AsSpan(0, CodecDetector.HeaderBytes);
            CodecDetector.Detect(header, path).Should().Be(expected, path);
            checkedFiles++;
        }

        checkedFiles.Should().BeGreaterThan(50);
    }

    private static EventLogCodec? FromSourcesColumn(string magic) => magic.Trim() switch
    {
        var m when m.StartsWith("plain", StringComparison.Ordinal) => EventLogCodec.Plain,
        var m when m.StartsWith("zstd", StringComparison.Ordinal) => EventLogCodec.Zstd,
        var m when m.StartsWith("gzip", StringComparison.Ordinal) => EventLogCodec.Gzip,
        var m when m.StartsWith("lz4", StringComparison.Ordinal) => EventLogCodec.Lz4,
        var m when m.StartsWith("snappy", StringComparison.Ordinal) => EventLogCodec.Snappy,
        var m when m.StartsWith("lzf", StringComparison.Ordinal) => EventLogCodec.Lzf,
        var m when m.StartsWith("zip", StringComparison.Ordinal) => EventLogCodec.Zip,
        _ => null,
    };
}
