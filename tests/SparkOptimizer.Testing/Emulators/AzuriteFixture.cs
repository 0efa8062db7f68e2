using System.Text.RegularExpressions;

namespace SparkOptimizer.Testing.Emulators;

/// <summary>npm azurite 3.35.0 (blob only) on a free 127.0.0.1 port; --skipApiVersionCheck lets Azure.Storage.Blobs 12.30 talk to it.</summary>
public sealed partial class AzuriteFixture : IDisposable
{
    public const string Account = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, documented by Microsoft).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly NodeEmulator _emulator = NodeEmulator.Start(
        "azurite/dist/src/blob/main.js",
        ["--blobHost", "127.0.0.1", "--blobPort", "0", "--location", "{dir}", "--loose", "--skipApiVersionCheck", "--disableTelemetry"],
        Listening());

    public string BlobEndpoint => $"http://127.0.0.1:{_emulator.Port}/{Account}";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public int ProcessId => _emulator.ProcessId;

    public void Dispose() => _emulator.Dispose();

    [GeneratedRegex(@"successfully listens on http://[\d.]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
