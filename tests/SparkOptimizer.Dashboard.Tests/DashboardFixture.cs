using Microsoft.AspNetCore.Builder;
using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Pricing;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Dashboard.Tests;

/// <summary>
/// One dashboard for the whole test collection: a handful of real event logs copied into a temp folder, served on
/// 127.0.0.1:0, priced as m5.xlarge, with the "Spark shell" app annotated as the operator would (PR, merge, accuracy).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ShellApp = "Spark-shell";
    public const string FindingsRun = "spark_event_log_example";
    public static readonly string[] Apps = ["MyAppName", "PythonPi", "Spark shell"];

    private static readonly string[] Logs =
    [
        "sparklint/spark_event_log_example",
        "dr-elephant/event_log_1",
        "sparklens/local-1532512550423",
        "apache-spark/spark-events/local-1430917381534",
        "apache-spark/spark-events/app-20200706201101-0003",
        "reencoded/eventlog_v2_application_1603128018386_7846",
    ];

    private readonly TempDir _dir = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    public HttpClient Http { get; } = new();

    public FolderRunCatalog Folder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        foreach (var log in Logs)
        {
            Copy(Corpus.Path(log), Path.Combine(_dir.Path, Path.GetFileName(log)));
        }

        Folder = new FolderRunCatalog(_dir.Path);
        var annotations = new Dictionary<string, AppAnnotations>
        {
            [ShellApp] = new("https://github.example/acme/etl/pull/42", 6.5, [new MergeMarker(new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero), "spark.executor.instances=4")]) {
                VerifiedSavingPerRun = 0.01m,
                Predictions = [new PredictedRun("app-20200706201101-0003", 300_000, 240_000, 360_000)],
            },
        };
        var options = new DashboardOptions { Cost = new CostOptions { InstanceType = "m5.xlarge" } };
        _app = DashboardServer.Create(new AnnotatedCatalog(Folder, annotations), options, "http://127.0.0.1:0");
        await _app.StartAsync();
        BaseUrl = DashboardServer.Addresses(_app).Single().TrimEnd('/');
        Http.BaseAddress = new Uri(BaseUrl);
        Http.Timeout = TimeSpan.FromSeconds(60);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _dir.Dispose();
    }

    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            File.Copy(source, target);
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}
