using k8s;
using SparkOptimizer.Operator;
using SparkOptimizer.Operator.Startup;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests;

/// <summary>Where the operator finds its cluster out of a pod: as kubectl does, each failure one line naming the setting.</summary>
public sealed class KubernetesClientFactoryTests
{
    private static Func<string, string?> Env(string? kubeconfig) => name => name == "KUBECONFIG" ? kubeconfig : null;

    [Fact]
    public async Task Configure_KubeconfigListsSeveralFiles_MergesThemFirstDefinitionWinningAndReachesTheServer()
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        using var dir = new TempDir();
        // the first file names the context; the second holds the cluster and the user, and a context of the same name that loses
        var first = dir.File("first.yaml");
        File.WriteAllText(first, """
            apiVersion: v1
            kind: Config
            current-context: work
            contexts:
            - name: work
              context: { cluster: api, user: me, namespace: team-a }
            """);
        var second = dir.File("second.yaml");
        File.WriteAllText(second, $"""
            apiVersion: v1
            kind: Config
            current-context: other
            clusters:
            - name: api
              cluster: {"{"} server: "{server.BaseUri.ToString().TrimEnd('/')}" {"}"}
            - name: elsewhere
              cluster: {"{"} server: "http://127.0.0.1:1" {"}"}
            users:
            - name: me
              user: {"{"} token: secret-token {"}"}
            contexts:
            - name: work
              context: {"{"} cluster: elsewhere, user: me {"}"}
            - name: other
              context: {"{"} cluster: elsewhere, user: me {"}"}
            """);
        var list = string.Join(Path.PathSeparator, dir.File("missing.yaml"), first, second);

        var config = KubernetesClientFactory.Configure(new OperatorOptions(), Env(list), dir.Path);

        config.Host.TrimEnd('/').Should().Be(server.BaseUri.ToString().TrimEnd('/'), "the first file's current-context and context win; the second supplies the cluster");
        config.Namespace.Should().Be("team-a");
        config.AccessToken.Should().Be("secret-token");
        using var client = new Kubernetes(config);
        await client.CoreV1.ListNamespacedPodAsync("team-a");
        server.Requests.Should().Contain(r => r.Method == "GET" && r.Path == "/api/v1/namespaces/team-a/pods" && r.Status == 200);
    }

    [Fact]
    public void Configure_OperatorKubeconfigSet_WinsOverTheVariable()
    {
        using var dir = new TempDir();
        var chosen = Kubeconfig(dir, "chosen.yaml", "http://127.0.0.1:7001");
        var other = Kubeconfig(dir, "other.yaml", "http://127.0.0.1:7002");

        var config = KubernetesClientFactory.Configure(new OperatorOptions { Kubeconfig = chosen }, Env(other), dir.Path);

        config.Host.Should().StartWith("http://127.0.0.1:7001");
    }

    [Fact]
    public void Configure_NoVariable_ReadsTheHomeKubeconfig()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".kube"));
        File.Move(Kubeconfig(dir, "c.yaml", "http://127.0.0.1:7003"), Path.Combine(dir.Path, ".kube", "config"));

        var config = KubernetesClientFactory.Configure(new OperatorOptions(), Env(null), dir.Path);

        config.Host.Should().StartWith("http://127.0.0.1:7003");
    }

    [Fact]
    public void Configure_VariableNamesOnlyMissingFiles_NamesTheVariableAndTheFix()
    {
        using var dir = new TempDir();

        var act = () => KubernetesClientFactory.Configure(new OperatorOptions(), Env($"/nonexistent/a{Path.PathSeparator}/nonexistent/b"), dir.Path);

        act.Should().Throw<StartupException>().Which.Message.Should()
            .Be("KUBECONFIG: none of its files exists (/nonexistent/a, /nonexistent/b). Fix: set KUBECONFIG to your kubeconfig file(s), separated by ':', or unset it to use ~/.kube/config");
    }

    [Fact]
    public void Configure_NothingAnywhere_SaysWhatWasLookedForAndHowToFixIt()
    {
        if (KubernetesClientConfiguration.IsInCluster())
        {
            return; // inside a pod the service account is the answer, not an error
        }

        using var dir = new TempDir();

        var act = () => KubernetesClientFactory.Configure(new OperatorOptions(), Env(null), dir.Path);

        var ex = act.Should().Throw<StartupException>().Which;
        ex.Setting.Should().Be("KUBECONFIG");
        ex.Message.Should().Contain($"{Path.Combine(dir.Path, ".kube", "config")} does not exist").And.Contain("Fix: set KUBECONFIG (or Operator:Kubeconfig)");
    }

    [Fact]
    public void Configure_OperatorKubeconfigMissing_NamesThatSetting()
    {
        using var dir = new TempDir();

        var act = () => KubernetesClientFactory.Configure(new OperatorOptions { Kubeconfig = "/nonexistent/kubeconfig" }, Env(null), dir.Path);

        act.Should().Throw<StartupException>().Which.Message.Should().StartWith("Operator:Kubeconfig: /nonexistent/kubeconfig does not exist. Fix: point Operator:Kubeconfig");
    }

    [Fact]
    public void Configure_UnknownContext_ListsTheContextsThereAre()
    {
        using var dir = new TempDir();
        var file = Kubeconfig(dir, "c.yaml", "http://127.0.0.1:7004");

        var act = () => KubernetesClientFactory.Configure(new OperatorOptions { Context = "prod" }, Env(file), dir.Path);

        act.Should().Throw<StartupException>().Which.Message.Should().StartWith($"Operator:Context: context 'prod' is not in {file} (contexts: fake). Fix:");
    }

    [Fact]
    public void Configure_NotYaml_NamesTheFile()
    {
        using var dir = new TempDir();
        var file = dir.File("broken.yaml");
        File.WriteAllText(file, "clusters: [ {");

        var act = () => KubernetesClientFactory.Configure(new OperatorOptions(), Env(file), dir.Path);

        act.Should().Throw<StartupException>().Which.Message.Should().StartWith($"KUBECONFIG: {file} cannot be read as a kubeconfig: ").And.Contain($"Fix: check it with `kubectl --kubeconfig {file} config view`");
    }

    private static string Kubeconfig(TempDir dir, string name, string server) => KubeconfigFile.Write(dir.File(name), server);
}
