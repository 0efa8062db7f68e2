using System.Text;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Tests.Ingest.Codecs.Encoders;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class LzfDecoderTests
{
    [Fact]
    public void Decode_LiteralRun_CopiesBytes()
    {
        byte[] input = [2, (byte)'a', (byte)'b', (byte)'c'];

        Decode(input, 3).Should().Be("abc");
    }

    [Fact]
    public void Decode_OverlappingBackReference_RepeatsLastByte()
    {
        // 'a', then length 1+2 at distance 1: each copied byte is the one just written.
        byte[] input = [0, (byte)'a', 1 << 5, 0];

        Decode(input, 4).Should().Be("aaaa");
    }

    [Fact]
    public void Decode_LongBackReference_AddsExtraLengthByte()
    {
        // "ab", then length 7+3+2 = 12 at distance 2.
        byte[] input = [1, (byte)'a', (byte)'b', 7 << 5, 3, 1];

        Decode(input, 14).Should().Be("ababababababab");
    }

    [Fact]
    public void Decode_DistanceWithHighBits_ReachesFarBack()
    {
        var text = new string('x', 300) + "HELLO" + new string('y', 300) + "HELLO";
        var data = Encoding.ASCII.GetBytes(text);
        var compressed = new byte[data.Length * 2];
        var length = LzfWriter.Compress(data, compressed);

        Decode(compressed[..length], data.Length).Should().Be(text);
    }

    [Theory]
    [InlineData(new byte[] { 5, 1, 2 }, "literal run runs past")]
    [InlineData(new byte[] { 0, 1, 1 << 5 }, "distance runs past")]
    [InlineData(new byte[] { 0, 1, 7 << 5 }, "length runs past")]
    [InlineData(new byte[] { 0, 1, 1 << 5, 1 }, "before the start")]
    [InlineData(new byte[] { 0, 1, 6 << 5, 0 }, "overflows")]
    public void Decode_MalformedInput_ReportsErrorWithoutThrowing(byte[] input, string reason)
    {
        var output = new byte[4];

        LzfDecoder.Decode(input, output, out var error).Should().Be(-1);
        error.Should().Contain(reason);
    }

    private static string Decode(byte[] input, int length)
    {
        var output = new byte[length];
        var written = LzfDecoder.Decode(input, output, out var error);
        error.Should().BeNull();
        written.Should().Be(length);
        return Encoding.ASCII.GetString(output);
    }
}
