using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Metrics;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Testing.Prometheus;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Engine;

/// <summary>
/// The operator prices a run at the node it ran on: the executor pods' spec.nodeName, then that Node's instance-type,
/// region and capacity-type labels, all read from our Kubernetes API server through the real client; an app annotation
/// overrides the node. Status says the basis, the node type and where it came from.
/// </summary>
public sealed class NodeShapeEndToEndTests
{
    private static readonly ResourceType Nodes = new("", "v1", "nodes", "Node", Namespaced: false, HasStatus: false);

    private static JsonObject Pod(string name, string node, string role) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = SparkApps.Namespace,
            ["labels"] = new JsonObject { ["spark-app-selector"] = SparkApps.CorpusAppId, ["spark-role"] = role },
        },
        ["spec"] = new JsonObject { ["nodeName"] = node },
    };

    private static JsonObject Node(string name, string type, string capacity) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject
            {
                ["node.kubernetes.io/instance-type"] = type,
                ["topology.kubernetes.io/region"] = "us-east-1",
                ["karpenter.sh/capacity-type"] = capacity,
            },
        },
    };

    private static async Task<OperatorHarness> ClusterAsync()
    {
        var harness = await OperatorHarness.StartAsync();
        harness.Server.Install(ResourceType.Pods);
        harness.Server.Install(Nodes);
        harness.Server.Store.Create(Nodes, null, Node("node-a", "m5.xlarge", "on-demand"));
        harness.Server.Store.Create(Nodes, null, Node("node-b", "m5.2xlarge", "spot"));
        harness.Server.Store.Create(ResourceType.Pods, SparkApps.Namespace, Pod("spark-pi-driver", "node-a", "driver"));
        harness.Server.Store.Create(ResourceType.Pods, SparkApps.Namespace, Pod("spark-pi-exec-1", "node-b", "executor"));
        harness.Server.Store.Create(ResourceType.Pods, SparkApps.Namespace, Pod("spark-pi-exec-2", "node-b", "executor"));
        harness.Server.Store.Create(ResourceType.Pods, SparkApps.Namespace, Pod("spark-pi-exec-3", "node-a", "executor"));
        return harness;
    }

    private static EngineRunProcessor Processor(OperatorHarness harness, EngineOptions options) => new(
        EngineParts.Finder(Corpus.EventLogs), new AnalysisPipeline(), null, null, options, NullLogger<EngineRunProcessor>.Instance,
        nodes: new NodeShapeResolver(harness.NewClient(), null, options, NullLogger.Instance));

    private static decimal HandPriced(string instanceType, CapacityType capacity)
    {
        var run = new EventLogReader().Read(new EventLogFinderTestsSource().Find());
        return CostModel.Price(run, new CostOptions { InstanceType = instanceType, Capacity = capacity, Platform = SparkOptimizer.Model.Platform.Kubernetes }).Cost!.Value.Amount;
    }

    [Fact]
    public async Task CompletedRun_OnLabelledNodes_IsPricedAtTheExecutorsNodeTypeAndCapacityWithItsSourceOnStatus()
    {
        await using var harness = await ClusterAsync();
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, SparkApps.CompletedKubeflowPi());

        var op = harness.StartOperatorWith(Processor(harness, new EngineOptions()));
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var lastRun = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["lastRun"]!;
        var basis = lastRun["priceBasis"]!;
        basis["basis"]!.GetValue<string>().Should().Be("priceBook");
        basis["nodeType"]!.GetValue<string>().Should().Be("m5.2xlarge", "two of the three executors ran on node-b");
        basis["nodeTypeSource"]!.GetValue<string>().Should().Be(
            "label node.kubernetes.io/instance-type of node node-b (Kubernetes API), which ran 2 of the 3 executor pod(s)");
        basis["capacity"]!.GetValue<string>().Should().Be("Spot", "node-b carries karpenter.sh/capacity-type=spot");
        basis["region"]!.GetValue<string>().Should().Be("us-east-1");
        basis["priceSource"]!.GetValue<string>().Should().Contain("2025-01-15");
        // aws-ec2.yaml m5.2xlarge spot 0.155/h, split OpenCost's way over the pods' core- and GiB-hours of the taxi run's log.
        lastRun["cost"]!.GetValue<double>().Should().BeApproximately((double)HandPriced("m5.2xlarge", CapacityType.Spot), 0.0001);
        var waste = basis["waste"]!.AsObject().Sum(w => w.Value!.GetValue<double>());
        (waste + basis["useful"]!.GetValue<double>()).Should().BeApproximately(lastRun["cost"]!.GetValue<double>(), 0.0005, "waste by cause and useful work add up to the cost");
        // /metrics: the run's cost by basis, and its waste by cause, which with useful work adds up to it.
        await harness.WaitUntilAsync(() => op.Runtime.Metrics.ExportAsync().Result.Contains("sparkoptimizer_run_useful_cost_total", StringComparison.Ordinal), "cost metrics exported");
        var metrics = await op.Runtime.Metrics.ExportAsync();
        double Sample(string prefix) => metrics.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Sample("sparkoptimizer_run_cost_total{basis=\"priceBook\"").Should().BeApproximately(lastRun["cost"]!.GetValue<double>(), 1e-6);
        (Sample("sparkoptimizer_run_waste_cost_total{") + Sample("sparkoptimizer_run_useful_cost_total{")).Should().BeApproximately(lastRun["cost"]!.GetValue<double>(), 0.0005);
        metrics.Should().Contain("sparkoptimizer_run_waste_cost_total{cause=\"failed attempts\",currency=\"USD\"}");
        harness.Server.Requests.Should().Contain(r => r.Method == "GET" && r.Path == "/api/v1/nodes/node-b");
        harness.Server.Requests.Should().Contain(r => r.Path == $"/api/v1/namespaces/{SparkApps.Namespace}/pods" && r.Query.Contains("spark-role%3Dexecutor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompletedRun_WithAnInstanceTypeAnnotation_IsPricedAtTheAnnotationOverTheNodes()
    {
        await using var harness = await ClusterAsync();
        var app = SparkApps.CompletedKubeflowPi();
        app["metadata"]!["annotations"]![NodeLabels.Annotation] = "r5.xlarge";
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, app);

        harness.StartOperatorWith(Processor(harness, new EngineOptions { InstanceType = "c5.xlarge" }));
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var lastRun = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["lastRun"]!;
        lastRun["priceBasis"]!["nodeType"]!.GetValue<string>().Should().Be("r5.xlarge", "the app's annotation beats the Helm value and the nodes");
        lastRun["priceBasis"]!["nodeTypeSource"]!.GetValue<string>().Should().Be($"annotation {NodeLabels.Annotation} on SparkApplication {SparkApps.Namespace}/spark-pi");
        lastRun["priceBasis"]!["capacity"]!.GetValue<string>().Should().Be("OnDemand");
        lastRun["cost"]!.GetValue<double>().Should().BeApproximately((double)HandPriced("r5.xlarge", CapacityType.OnDemand), 0.0001);
        harness.Server.Requests.Should().NotContain(r => r.Path.StartsWith("/api/v1/nodes", StringComparison.Ordinal), "an annotation needs no lookup");
    }

    [Fact]
    public async Task CompletedRun_WithTheHelmInstanceType_IsPricedAtItOverTheNodes()
    {
        await using var harness = await ClusterAsync();
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, SparkApps.CompletedKubeflowPi());

        harness.StartOperatorWith(Processor(harness, new EngineOptions { InstanceType = "c5.xlarge" }));
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var basis = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["lastRun"]!["priceBasis"]!;
        basis["nodeType"]!.GetValue<string>().Should().Be("c5.xlarge");
        basis["nodeTypeSource"]!.GetValue<string>().Should().Be("the operator's pricing.instanceType (Engine:InstanceType)");
    }

    [Fact]
    public async Task CompletedRun_WhosePodsAreGone_IsPricedAtTheNodeKubeStateMetricsRecordedInPrometheus()
    {
        // kube-state-metrics as a real Prometheus holds it: the app's pods by Spark's labels, the node each ran on, the node's labels.
        var start = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        IEnumerable<(DateTimeOffset, double)> Over() => Enumerable.Range(0, 21).Select(i => (start.AddSeconds(i * 15), 1.0));
        var w = new OpenMetricsWriter();
        foreach (var (pod, role, node) in new[] { ("spark-pi-driver", "driver", "ip-10-0-1-4"), ("spark-pi-exec-1", "executor", "ip-10-0-3-9"), ("spark-pi-exec-2", "executor", "ip-10-0-3-9") })
        {
            w.Series("kube_pod_labels", "gauge", new Dictionary<string, string> { ["namespace"] = SparkApps.Namespace, ["pod"] = pod, ["label_spark_app_selector"] = SparkApps.CorpusAppId, ["label_spark_role"] = role }, Over());
            w.Series("kube_pod_info", "gauge", new Dictionary<string, string> { ["namespace"] = SparkApps.Namespace, ["pod"] = pod, ["node"] = node }, Over());
        }

        w.Series("kube_node_labels", "gauge", new Dictionary<string, string> { ["node"] = "ip-10-0-1-4", ["label_node_kubernetes_io_instance_type"] = "m5.large" }, Over());
        w.Series("kube_node_labels", "gauge", new Dictionary<string, string>
        {
            ["node"] = "ip-10-0-3-9", ["label_node_kubernetes_io_instance_type"] = "r5.2xlarge", ["label_topology_kubernetes_io_region"] = "us-east-1",
            ["label_eks_amazonaws_com_capacityType"] = "SPOT",
        }, Over());
        using var prometheus = await PrometheusServer.StartAsync(w.ToString());
        using var http = new HttpClient();
        await using var harness = await OperatorHarness.StartAsync();
        harness.Server.Install(ResourceType.Pods);
        harness.Server.Install(Nodes);
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, SparkApps.CompletedKubeflowPi());
        var options = new EngineOptions();
        var processor = new EngineRunProcessor(
            EngineParts.Finder(Corpus.EventLogs), new AnalysisPipeline(), null, null, options, NullLogger<EngineRunProcessor>.Instance,
            nodes: new NodeShapeResolver(harness.NewClient(), new PrometheusClient(http, prometheus.Url), options, NullLogger.Instance));

        harness.StartOperatorWith(processor);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var lastRun = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["lastRun"]!;
        var basis = lastRun["priceBasis"]!;
        basis["nodeType"]!.GetValue<string>().Should().Be("r5.2xlarge", "both executors ran on ip-10-0-3-9");
        basis["nodeTypeSource"]!.GetValue<string>().Should().Be(
            "kube_node_labels label_node_kubernetes_io_instance_type of node ip-10-0-3-9 (Prometheus), which ran 2 of the 2 executor pod(s)");
        basis["capacity"]!.GetValue<string>().Should().Be("Spot", "eks.amazonaws.com/capacityType=SPOT");
        basis["region"]!.GetValue<string>().Should().Be("us-east-1");
        lastRun["cost"]!.GetValue<double>().Should().BeApproximately((double)HandPriced("r5.2xlarge", CapacityType.Spot), 0.0001);
    }

    /// <summary>The taxi run's event log as the operator's finder finds it.</summary>
    private sealed class EventLogFinderTestsSource
    {
        public EventLogInput Find() =>
            EngineParts.Finder(Corpus.EventLogs).Find(EventLogLocation.From(
                new Dictionary<string, string> { ["spark.eventLog.dir"] = PressuredTaxiRun.Events, ["spark.eventLog.rolling.enabled"] = "true" }, SparkApps.CorpusAppId)!, out _)!;
    }
}
