using System.IO.Compression;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Testing;
using static SparkOptimizer.Tests.Ingest.Codecs.CodecTestData;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class CodecStreamsTests
{
    [Theory]
    [InlineData(Lz4Log, Lz4Original)]
    [InlineData(SnappyLog, SnappyOriginal)]
    [InlineData(LzfLog, LzfOriginal)]
    public void OpenDecompressing_ReencodedCorpusLog_IsByteIdenticalToPlainOriginal(string encoded, string original)
    {
        var decoded = Decode(Read(encoded), FileName(encoded));

        decoded.Should().Equal(Read(original));
    }

    [Fact]
    public void OpenDecompressing_GzipCorpusLog_EqualsTheSameLogFromItsZip()
    {
        // SOURCES.md: databricks.json.gz is the zip's single member as one gzip file.
        using var zip = ZipFile.OpenRead(Corpus.Path("spark_log_parser/databricks.zip"));
        using var member = new MemoryStream();
        using (var entry = zip.Entries.Single().Open())
        {
            entry.CopyTo(member);
        }

        Decode(Read(GzipLog), FileName(GzipLog)).Should().Equal(member.ToArray());
    }

    [Fact]
    public void OpenDecompressing_ZstdRollingFolderParts_EachDecodesToJsonLines()
    {
        var folder = Corpus.Path("reencoded/eventlog_v2_application_1603128018386_7846");
        var parts = Directory.GetFiles(folder, "events_*.zstd");

        parts.Should().HaveCount(3);
        foreach (var part in parts)
        {
            var text = Decode(File.ReadAllBytes(part), part);
            text.Should().NotBeEmpty().And.EndWith([(byte)'\n']);
            text[0].Should().Be((byte)'{');
        }
    }

    [Fact]
    public void OpenDecompressing_PlainLogNamedZstd_ReturnsItUnchanged()
    {
        var plain = Read(SmallPlainLog);

        Decode(plain, "local-1532512550423.zstd").Should().Equal(plain);
    }

    [Fact]
    public void OpenDecompressing_Lz4LogNamedTxt_DetectsLz4ByMagic()
    {
        Decode(Read(Lz4Log), "rp_nosql.txt").Should().Equal(Read(Lz4Original));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("empty.zstd")]
    [InlineData("empty.gz")]
    [InlineData("empty.lz4")]
    [InlineData("empty.snappy")]
    [InlineData("empty.lzf")]
    public void OpenDecompressing_EmptyFile_YieldsNoBytes(string fileName)
    {
        Decode([], fileName).Should().BeEmpty();
    }

    [Fact]
    public void OpenDecompressing_ZipArchive_ThrowsArgumentException()
    {
        var zip = Read("sparklint/history_source/eventLogs-application_1489705648216_1600.zip");

        var detect = () => CodecStreams.OpenDecompressing(new MemoryStream(zip), "logs.bin");
        var explicitCodec = () => CodecStreams.OpenDecompressing(new MemoryStream(zip), EventLogCodec.Zip, "logs.zip");

        detect.Should().Throw<ArgumentException>().WithMessage("*zip*");
        explicitCodec.Should().Throw<ArgumentException>().WithMessage("*zip*");
    }

    [Fact]
    public void OpenDecompressing_ExplicitCodec_SkipsDetection()
    {
        using var decoded = CodecStreams.OpenDecompressing(new MemoryStream(Read(LzfLog)), EventLogCodec.Lzf, "no-extension");
        using var output = new MemoryStream();
        decoded.CopyTo(output);

        output.ToArray().Should().Equal(Read(LzfOriginal));
    }

    [Fact]
    public void OpenDecompressing_ReturnedStream_IsForwardOnlyReadOnlyAndOwnsTheSource()
    {
        var source = new TrickleStream(Read(SnappyLog), 64);
        var decoded = CodecStreams.OpenDecompressing(source, "x.snappy");

        decoded.CanRead.Should().BeTrue();
        decoded.CanSeek.Should().BeFalse();
        decoded.CanWrite.Should().BeFalse();
        decoded.Invoking(s => s.Seek(0, SeekOrigin.Begin)).Should().Throw<NotSupportedException>();
        decoded.Invoking(s => s.Write([1], 0, 1)).Should().Throw<NotSupportedException>();
        decoded.Dispose();
        source.Disposed.Should().BeTrue();
    }

    [Fact]
    public async Task OpenDecompressing_ReadAsync_ReturnsSameBytesAsRead()
    {
        await using var decoded = CodecStreams.OpenDecompressing(new MemoryStream(Read(Lz4Log)), "x.lz4");
        using var output = new MemoryStream();
        await decoded.CopyToAsync(output);

        output.ToArray().Should().Equal(Read(Lz4Original));
    }

    [Fact]
    public void OpenDecompressing_UnreadableStream_ThrowsArgumentException()
    {
        var writeOnly = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        using (writeOnly)
        {
            var open = () => CodecStreams.OpenDecompressing(writeOnly, EventLogCodec.Plain, "x");
            open.Should().Throw<ArgumentException>();
        }
    }

    [Fact]
    public void OpenDecompressing_SourceIoFailure_IsNotReportedAsCorruptData()
    {
        // A network or disk error is not a property of the file; the caller may retry it.
        var failing = new FailingStream(Read(ChecksummedZstdLog), failAfter: 10_000);
        using var decoded = CodecStreams.OpenDecompressing(failing, "x.zstd");

        decoded.Invoking(s => s.CopyTo(Stream.Null)).Should().Throw<IOException>()
            .Which.Should().NotBeOfType<EventLogFormatException>();
    }

    private sealed class FailingStream(byte[] data, int failAfter) : Stream
    {
        private readonly MemoryStream _data = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            _data.Position >= failAfter ? throw new IOException("connection reset") : _data.Read(buffer, offset, Math.Min(count, 512));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
