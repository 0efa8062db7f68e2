using k8s;
using k8s.KubeConfigModels;

namespace SparkOptimizer.Operator.Startup;

/// <summary>
/// Merges kubeconfig files as kubectl merges the files in KUBECONFIG: the first file to set the current context wins, and the
/// first to define a cluster, user or context of a name wins. Relative certificate paths are made absolute against the
/// file that names them, so a later file's paths still work after the merge.
/// </summary>
public static class KubeconfigMerge
{
    public static K8SConfiguration Load(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var loaded = files.Select(f => Absolute(KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(f)), f)).ToArray();
        var merged = loaded[0];
        foreach (var next in loaded.Skip(1))
        {
            merged.CurrentContext ??= next.CurrentContext;
            merged.Clusters = FirstWins(merged.Clusters, next.Clusters, c => c.Name);
            merged.Users = FirstWins(merged.Users, next.Users, u => u.Name);
            merged.Contexts = FirstWins(merged.Contexts, next.Contexts, c => c.Name);
        }

        return merged;
    }

    private static List<T> FirstWins<T>(IEnumerable<T>? first, IEnumerable<T>? then, Func<T, string> name)
    {
        var all = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (first ?? []).Concat(then ?? []))
        {
            if (seen.Add(name(item)))
            {
                all.Add(item);
            }
        }

        return all;
    }

    private static K8SConfiguration Absolute(K8SConfiguration config, string file)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        foreach (var cluster in config.Clusters ?? [])
        {
            if (cluster.ClusterEndpoint is { } endpoint)
            {
                endpoint.CertificateAuthority = Resolve(dir, endpoint.CertificateAuthority);
            }
        }

        foreach (var user in config.Users ?? [])
        {
            if (user.UserCredentials is { } credentials)
            {
                credentials.ClientCertificate = Resolve(dir, credentials.ClientCertificate);
                credentials.ClientKey = Resolve(dir, credentials.ClientKey);
            }
        }

        return config;
    }

    private static string? Resolve(string dir, string? path) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.Combine(dir, path);
}
