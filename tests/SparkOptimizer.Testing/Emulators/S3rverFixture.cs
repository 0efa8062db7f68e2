using System.Text.RegularExpressions;

namespace SparkOptimizer.Testing.Emulators;

/// <summary>npm s3rver 3.7.1 on a free 127.0.0.1 port. It accepts only the access key S3RVER with secret S3RVER.</summary>
public sealed partial class S3rverFixture : IDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly NodeEmulator _emulator = NodeEmulator.Start(
        "s3rver/bin/s3rver.js",
        ["--address", "127.0.0.1", "--port", "0", "--directory", "{dir}", "--silent"],
        Listening());

    public string ServiceUrl => $"http://127.0.0.1:{_emulator.Port}";

    public int ProcessId => _emulator.ProcessId;

    public string DataFolder => _emulator.DataFolder;

    public void Dispose() => _emulator.Dispose();

    [GeneratedRegex(@"S3rver listening on [\d.]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
