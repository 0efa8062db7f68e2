namespace SparkOptimizer.Testing;

/// <summary>Test data that is not an event log, kept in the repository under tests/fixtures (each folder says its source).</summary>
public static class Fixtures
{
    private static readonly Lazy<string> K8sFolder = new(() =>
        Repository.Folder(Path.Combine("tests", "fixtures", "k8s"), "The Kubernetes fixtures (operator CRDs and example manifests)"));

    /// <summary>The Kubeflow and Apache operators' CRDs and example manifests (tests/fixtures/k8s).</summary>
    public static string K8s => K8sFolder.Value;
}
