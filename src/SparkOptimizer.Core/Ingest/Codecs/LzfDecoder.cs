namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// The LZF block format (liblzf, as used by ning compress-lzf). No .NET package reads it, and it is small:
/// a control byte below 32 starts a run of ctrl+1 literals; otherwise the top three bits are a length
/// (7 means "add the next byte"), plus 2, and the low five bits with the following byte form a
/// back-reference distance minus one. Every index is checked, so hostile input fails instead of overrunning.
/// </summary>
internal static class LzfDecoder
{
    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/>; returns the bytes written, or -1 with the reason in <paramref name="error"/>.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output, out string? error)
    {
        var ip = 0;
        var op = 0;
        while (ip < input.Length)
        {
            int ctrl = input[ip++];
            if (ctrl < 32)
            {
                var run = ctrl + 1;
                if (ip + run > input.Length)
                {
                    error = "literal run runs past the end of the chunk";
                    return -1;
                }

                if (op + run > output.Length)
                {
                    error = "literal run overflows the declared length";
                    return -1;
                }

                input.Slice(ip, run).CopyTo(output[op..]);
                ip += run;
                op += run;
                continue;
            }

            var length = ctrl >> 5;
            if (length == 7)
            {
                if (ip >= input.Length)
                {
                    error = "back-reference length runs past the end of the chunk";
                    return -1;
                }

                length += input[ip++];
            }

            if (ip >= input.Length)
            {
                error = "back-reference distance runs past the end of the chunk";
                return -1;
            }

            var distance = ((ctrl & 0x1F) << 8) + input[ip++] + 1;
            length += 2;
            if (distance > op)
            {
                error = $"back-reference distance {distance} reaches before the start of the chunk";
                return -1;
            }

            if (op + length > output.Length)
            {
                error = "back-reference overflows the declared length";
                return -1;
            }

            // Byte by byte on purpose: the source may overlap the bytes being written (run-length style).
            for (var from = op - distance; length > 0; length--)
            {
                output[op++] = output[from++];
            }
        }

        error = null;
        return op;
    }
}
