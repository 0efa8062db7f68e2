namespace SparkOptimizer.Tests;

/// <summary>A thread-safe captured writer that releases a signal each time a line containing a marker is written.</summary>
internal sealed class SignallingWriter(string marker) : StringWriter
{
    private readonly object _gate = new();

    public SemaphoreSlim Seen { get; } = new(0);

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            base.WriteLine(value);
        }

        if (value?.Contains(marker, StringComparison.Ordinal) == true)
        {
            Seen.Release();
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return base.ToString();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Seen.Dispose();
        }

        base.Dispose(disposing);
    }
}
