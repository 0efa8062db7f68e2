namespace SparkOptimizer.Tests.Support;

/// <summary>A kubeconfig with one context "fake" pointing at <c>server</c> with a bearer token, as the operator's tests write it.</summary>
public static class KubeconfigFile
{
    public static string Write(string path, string server)
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {server}
            users:
            - name: test
              user:
                token: test
            contexts:
            - name: fake
              context:
                cluster: fake
                user: test
            current-context: fake
            """);
        return path;
    }
}
