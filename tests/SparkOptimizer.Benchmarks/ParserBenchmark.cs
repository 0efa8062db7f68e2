using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SparkOptimizer.Ingest;

namespace SparkOptimizer.Benchmarks;

/// <summary>Measures the parser against the tokenizer floor on the same file, in the same run.</summary>
public static class ParserBenchmark
{
    public static int Compare(string file, int repeats)
    {
        var size = new FileInfo(file).Length;
        Console.WriteLine($"file: {file} ({size / 1e6:0.0} MB), repeats: {repeats}, cores: {Environment.ProcessorCount}");
        var floor = new List<(double MBps, long Rss)>();
        var engine = new List<(double MBps, long Rss)>();
        for (var i = 0; i < repeats; i++)
        {
            floor.Add(Child("floor", file));
            engine.Add(Child("engine", file));
        }

        var floorBest = floor.Max(f => f.MBps);
        var engineBest = engine.Max(e => e.MBps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor  (Utf8JsonReader tokenise only): best {floorBest:0} MB/s, median {Median(floor.Select(f => f.MBps)):0} MB/s, peak RSS {floor.Max(f => f.Rss) / 1e6:0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine (EventLogReader, full model):   best {engineBest:0} MB/s, median {Median(engine.Select(e => e.MBps)):0} MB/s, peak RSS {engine.Max(e => e.Rss) / 1e6:0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine / floor: {engineBest / floorBest:P0}"));
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static (double MBps, long Rss) Child(string mode, string file)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (self.EndsWith("dotnet", StringComparison.Ordinal))
        {
            psi.ArgumentList.Add(typeof(ParserBenchmark).Assembly.Location);
        }

        psi.ArgumentList.Add(mode);
        psi.ArgumentList.Add(file);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Child: split lines and tokenise each with Utf8JsonReader, nothing else.</summary>
    public static int Floor(string file)
    {
        var watch = Stopwatch.StartNew();
        long tokens = 0;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var start = 0;
        var end = 0;
        while (true)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                break;
            }

            end += read;
            int newline;
            while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
            {
                var reader = new Utf8JsonReader(buffer.AsSpan(start, newline), new JsonReaderOptions { MaxDepth = 1024 });
                while (reader.Read())
                {
                    tokens++;
                }

                start += newline + 1;
            }

            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        watch.Stop();
        Report(file, watch.Elapsed, tokens);
        return 0;
    }

    /// <summary>Child: the full engine pass into the run model.</summary>
    public static int Engine(string file)
    {
        var watch = Stopwatch.StartNew();
        var input = new LocalEventLogLocator().Locate(file).Single();
        var run = new EventLogReader().Read(input);
        watch.Stop();
        if (Environment.GetEnvironmentVariable("SPARKOPT_BENCH_HEAP") == "1")
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live heap after read: {GC.GetTotalMemory(true) / 1e6:0} MB; stages {run.Stages.Count}, jobs {run.Jobs.Count}"));
        }

        GC.KeepAlive(run);
        Report(file, watch.Elapsed, run.Totals.Tasks);
        return 0;
    }

    private static void Report(string file, TimeSpan elapsed, long count)
    {
        GC.KeepAlive(count);
        var mbps = new FileInfo(file).Length / 1e6 / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mbps:0.0} {PeakRss()}"));
    }

    /// <summary>Peak resident set size of this process (VmHWM), in bytes.</summary>
    private static long PeakRss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
