namespace SparkOptimizer.Ingest;

/// <summary>
/// Raised when an input cannot be read as an event log at all, or when a compressed stream is corrupt.
/// The message always names the file and, where known, the byte offset of the problem.
/// </summary>
public sealed class EventLogFormatException : IOException
{
    public EventLogFormatException(string file, string problem, long? offset = null, Exception? inner = null)
        : base(Format(file, problem, offset), inner)
    {
        File = file;
        Problem = problem;
        Offset = offset;
    }

    public string File { get; }

    public string Problem { get; }

    public long? Offset { get; }

    private static string Format(string file, string problem, long? offset) =>
        offset is { } o ? $"{file}: {problem} (at byte {o})" : $"{file}: {problem}";
}
