namespace SparkOptimizer.Testing.Emulators;

/// <summary>
/// Uploads a test class's objects to an emulator once per emulator and bucket, however many test instances xunit makes
/// (one per test) and however many classes share the emulator.
/// </summary>
public static class UploadOnce
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> Done = new(StringComparer.Ordinal);

    public static void Run(string key, Action upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        lock (Gate)
        {
            if (Done.Add(key))
            {
                upload();
            }
        }
    }
}
