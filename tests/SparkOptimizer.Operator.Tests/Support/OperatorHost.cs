using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator;

namespace SparkOptimizer.Tests.Support;

/// <summary>The operator's real web host (Program's composition) started against the harness' API server on a free port; disposing stops it.</summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    private readonly string kubeconfig;

    private OperatorHost(WebApplication app, string kubeconfig)
    {
        App = app;
        this.kubeconfig = kubeconfig;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the host with leader election off and <paramref name="args"/> added to its command line.</summary>
    public static async Task<OperatorHost> StartAsync(OperatorHarness harness, IEnumerable<string> args, Action<WebApplicationBuilder>? configure = null)
    {
        var kubeconfig = harness.WriteKubeconfig();
        try
        {
            var app = OperatorApp.Build(
                ["--urls=http://127.0.0.1:0", $"--Operator:Kubeconfig={kubeconfig}", "--Operator:LeaderElection:Enabled=false", .. args],
                builder =>
                {
                    builder.Logging.ClearProviders();
                    configure?.Invoke(builder);
                });
            await app.StartAsync();
            return new OperatorHost(app, kubeconfig);
        }
        catch
        {
            File.Delete(kubeconfig);
            throw;
        }
    }

    public Task<string> GetStringAsync(string path) => Http.GetStringAsync(new Uri(path, UriKind.Relative));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
