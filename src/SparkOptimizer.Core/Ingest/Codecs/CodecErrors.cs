namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// One wording for every decoder, so the caller can recognise a truncated file (kept, with a warning)
/// by the word "truncated" whatever the codec.
/// </summary>
internal static class CodecErrors
{
    public static EventLogFormatException Truncated(string file, string what, long offset, Exception? inner = null) =>
        new(file, $"compressed stream is truncated: input ends inside {what}", offset, inner);

    public static EventLogFormatException Corrupt(string file, string codec, string problem, long offset, Exception? inner = null) =>
        new(file, $"corrupt {codec} data: {problem}", offset, inner);
}
