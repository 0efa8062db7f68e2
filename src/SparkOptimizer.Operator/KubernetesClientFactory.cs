using k8s;
using k8s.Exceptions;
using SparkOptimizer.Operator.Startup;

namespace SparkOptimizer.Operator;

/// <summary>
/// The Kubernetes client from configuration, found as kubectl finds it: <c>Operator:Kubeconfig</c> when set, else every file in
/// <c>KUBECONFIG</c> (merged, the first to define a name or the current context wins; missing files skipped), else
/// <c>~/.kube/config</c>, else the pod's service account. Whatever fails is a <see cref="StartupException"/> naming the setting.
/// </summary>
public static class KubernetesClientFactory
{
    public const string Variable = "KUBECONFIG";

    public static IKubernetes Create(OperatorOptions options) =>
        new Kubernetes(Configure(options, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));

    public static KubernetesClientConfiguration Configure(OperatorOptions options, Func<string, string?> environment, string home)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            var file = options.Kubeconfig.Trim();
            return File.Exists(file)
                ? FromFiles([file], "Operator:Kubeconfig", options.Context)
                : throw new StartupException("Operator:Kubeconfig", $"{file} does not exist",
                    "point Operator:Kubeconfig (environment variable Operator__Kubeconfig) at a kubeconfig file, or remove it to use KUBECONFIG, ~/.kube/config or the pod's service account");
        }

        if (environment(Variable) is { } list && !string.IsNullOrWhiteSpace(list))
        {
            var paths = list.Split(Path.PathSeparator).Select(p => p.Trim().Trim('"')).Where(p => p.Length > 0).ToArray();
            var existing = paths.Where(File.Exists).ToArray();
            return existing.Length > 0
                ? FromFiles(existing, Variable, options.Context)
                : throw new StartupException(Variable, $"none of its files exists ({string.Join(", ", paths)})",
                    $"set {Variable} to your kubeconfig file(s), separated by '{Path.PathSeparator}', or unset it to use ~/.kube/config");
        }

        var homeConfig = Path.Combine(home, ".kube", "config");
        if (File.Exists(homeConfig))
        {
            return FromFiles([homeConfig], "~/.kube/config", options.Context);
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            try
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }
            catch (KubeConfigException ex)
            {
                throw new StartupException("service account", ex.Message.TrimEnd('.'),
                    "mount the pod's service account token (automountServiceAccountToken: true), or set KUBECONFIG", ex);
            }
        }

        throw new StartupException(Variable, $"no Kubernetes configuration found: {Variable} is not set, {homeConfig} does not exist, and this is not a pod with a service account",
            $"set {Variable} (or Operator:Kubeconfig) to a kubeconfig file, e.g. {Variable}=$HOME/.kube/config, or run the operator in the cluster (charts/spark-optimizer)");
    }

    private static KubernetesClientConfiguration FromFiles(string[] files, string setting, string? context)
    {
        k8s.KubeConfigModels.K8SConfiguration merged;
        try
        {
            merged = KubeconfigMerge.Load(files);
        }
#pragma warning disable CA1031 // YAML, I/O and kubeconfig errors alike become one line naming the file
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            throw new StartupException(setting, $"{string.Join(", ", files)} cannot be read as a kubeconfig: {FirstLine(ex.Message)}",
                $"check it with `kubectl --kubeconfig {files[0]} config view`", ex);
        }

        var name = string.IsNullOrWhiteSpace(context) ? merged.CurrentContext : context.Trim();
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new StartupException(setting, $"{string.Join(", ", files)} sets no current-context",
                "run `kubectl config use-context NAME`, or set Operator:Context (environment variable Operator__Context)");
        }

        if (merged.Contexts?.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) != true)
        {
            var known = string.Join(", ", merged.Contexts?.Select(c => c.Name) ?? []);
            var which = string.IsNullOrWhiteSpace(context) ? setting : "Operator:Context";
            throw new StartupException(which, $"context '{name}' is not in {string.Join(", ", files)} (contexts: {(known.Length > 0 ? known : "none")})",
                "choose one of those contexts with Operator:Context or `kubectl config use-context`");
        }

        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, name);
        }
        catch (KubeConfigException ex)
        {
            throw new StartupException(setting, $"context '{name}' in {string.Join(", ", files)}: {FirstLine(ex.Message)}",
                $"fix that context's cluster and user (`kubectl --kubeconfig {files[0]} config view`)", ex);
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim().TrimEnd('.');
}
