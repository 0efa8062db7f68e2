using System.Diagnostics;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Tests.Support;

/// <summary>
/// The built operator (src/SparkOptimizer.Operator/bin/&lt;configuration&gt;/net10.0/SparkOptimizer.Operator.dll), which the fake kubelet
/// runs as the image's entrypoint <c>dotnet SparkOptimizer.Operator.dll</c>. Fails loudly when it has not been built.
/// </summary>
public static class OperatorBinary
{
    public static IReadOnlyList<string> Entrypoint => ["dotnet", Dll];

    /// <summary>`dotnet SparkOptimizer.Operator.dll` with its output redirected, started from the binary's folder; callers add arguments and environment.</summary>
    public static ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
        };
        start.ArgumentList.Add(Dll);
        return start;
    }

    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<configuration>/net10.0
            var path = Path.Combine(CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory), "src", "SparkOptimizer.Operator", "bin", configuration, "net10.0", "SparkOptimizer.Operator.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The operator is not built at {path}; build src/SparkOptimizer.Operator first.", path);
        }
    }
}
