using k8s;

namespace SparkOptimizer.Operator;

/// <summary>The Kubernetes client from configuration: a kubeconfig when given, in-cluster inside a pod, else the default kubeconfig.</summary>
public static class KubernetesClientFactory
{
    public static IKubernetes Create(OperatorOptions options)
    {
        KubernetesClientConfiguration config;
        if (!string.IsNullOrWhiteSpace(options.Kubeconfig))
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig, options.Context);
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(currentContext: options.Context);
        }

        return new Kubernetes(config);
    }
}
