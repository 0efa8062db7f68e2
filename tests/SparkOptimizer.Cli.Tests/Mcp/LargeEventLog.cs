using System.Globalization;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>
/// Writes a synthetic 100,000-task application (500 stages x 200 tasks on 100 executors, every 7th stage skewed, every
/// 5th spilling), larger than any log in the corpus, to check the answers' size bound where it is hardest.
/// </summary>
internal static class LargeEventLog
{
    public const int Stages = 500;
    public const int TasksPerStage = 200;
    private const int Executors = 100;
    private const long Start = 1_767_225_600_000;

    public static void Write(string file)
    {
        using var w = new StreamWriter(file, append: false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.3\"}");
        w.WriteLine("{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":{},\"Spark Properties\":{\"spark.app.name\":\"wide_nightly_job\"," +
            "\"spark.master\":\"yarn\",\"spark.executor.memory\":\"4g\",\"spark.executor.cores\":\"4\",\"spark.executor.instances\":\"100\"," +
            "\"spark.sql.shuffle.partitions\":\"200\"},\"Hadoop Properties\":{},\"System Properties\":{},\"Classpath Entries\":{}}");
        w.WriteLine(string.Create(inv, $"{{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"wide_nightly_job\",\"App ID\":\"application_1767225600000_0001\",\"Timestamp\":{Start},\"User\":\"etl\"}}"));
        for (var e = 1; e <= Executors; e++)
        {
            w.WriteLine(string.Create(inv, $"{{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":{Start + 1000 + e},\"Executor ID\":\"{e}\",\"Executor Info\":{{\"Host\":\"10.0.{e / 250}.{e % 250}\",\"Total Cores\":4}}}}"));
        }

        var clock = Start + 10_000;
        var taskId = 0L;
        for (var s = 0; s < Stages; s++)
        {
            var info = string.Create(inv, $"\"Stage ID\":{s},\"Stage Attempt ID\":0,\"Stage Name\":\"{Name(s)}\",\"Number of Tasks\":{TasksPerStage},\"RDD Info\":[],\"Parent IDs\":[{(s == 0 ? string.Empty : (s - 1).ToString(inv))}],\"Details\":\"{Name(s)}\"");
            w.WriteLine(string.Create(inv, $"{{\"Event\":\"SparkListenerJobStart\",\"Job ID\":{s},\"Submission Time\":{clock},\"Stage Infos\":[{{{info}}}],\"Stage IDs\":[{s}],\"Properties\":{{}}}}"));
            w.WriteLine(string.Create(inv, $"{{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{{{info},\"Submission Time\":{clock}}}}}"));
            var submitted = clock;
            var end = clock;
            for (var i = 0; i < TasksPerStage; i++)
            {
                var skewed = s % 7 == 3 && i < 2;
                var duration = skewed ? 120_000L : 1_500 + (i * 37 % 500);
                var launch = clock + 50 + (i / (Executors * 4)) * 2_100;
                var read = skewed ? 4L << 30 : 32L << 20;
                var spill = s % 5 == 1 ? 200L << 20 : 0;
                end = Math.Max(end, launch + duration);
                w.WriteLine(string.Create(inv,
                    $"{{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":{s},\"Stage Attempt ID\":0,\"Task Type\":\"ShuffleMapTask\",\"Task End Reason\":{{\"Reason\":\"Success\"}}," +
                    $"\"Task Info\":{{\"Task ID\":{taskId++},\"Index\":{i},\"Attempt\":0,\"Launch Time\":{launch},\"Executor ID\":\"{i % Executors + 1}\",\"Host\":\"h\",\"Locality\":\"PROCESS_LOCAL\",\"Speculative\":false,\"Getting Result Time\":0,\"Finish Time\":{launch + duration},\"Failed\":false,\"Killed\":false,\"Accumulables\":[]}}," +
                    $"\"Task Metrics\":{{\"Executor Deserialize Time\":10,\"Executor Run Time\":{duration - 20},\"Executor CPU Time\":{(duration - 80) * 1_000_000},\"Result Size\":2048,\"JVM GC Time\":{duration / 20},\"Memory Bytes Spilled\":{spill},\"Disk Bytes Spilled\":{spill / 3}," +
                    $"\"Shuffle Read Metrics\":{{\"Remote Bytes Read\":{read},\"Local Bytes Read\":0,\"Fetch Wait Time\":5,\"Total Records Read\":{read / 100}}},\"Shuffle Write Metrics\":{{\"Shuffle Bytes Written\":{32L << 20},\"Shuffle Write Time\":1000000,\"Shuffle Records Written\":300000}}," +
                    $"\"Input Metrics\":{{\"Bytes Read\":0,\"Records Read\":0}},\"Output Metrics\":{{\"Bytes Written\":0,\"Records Written\":0}}}}}}"));
            }

            clock = end + 100;
            w.WriteLine(string.Create(inv, $"{{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{{{info},\"Submission Time\":{submitted},\"Completion Time\":{clock}}}}}"));
            w.WriteLine(string.Create(inv, $"{{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":{s},\"Completion Time\":{clock},\"Job Result\":{{\"Result\":\"JobSucceeded\"}}}}"));
        }

        w.WriteLine(string.Create(inv, $"{{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":{clock + 5_000}}}"));
    }

    private static string Name(int s) => $"mapPartitions at WideNightlyJob.scala:{100 + s % 40} (a long generated stage name to stress the size bound, number {s})";
}
