using System.Text;

namespace SparkOptimizer.Tests;

/// <summary>Standard output of `serve`: completes with the served address as soon as the command prints it.</summary>
internal sealed class AddressWriter : StringWriter
{
    public TaskCompletionSource<string> Address { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public override Task WriteLineAsync(string? value)
    {
        var at = value?.IndexOf(" on http://", StringComparison.Ordinal) ?? -1;
        if (at >= 0)
        {
            Address.TrySetResult(value![(at + 4)..].Split(' ')[0]);
        }

        return base.WriteLineAsync(value);
    }
}
