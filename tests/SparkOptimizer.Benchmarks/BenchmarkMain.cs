namespace SparkOptimizer.Benchmarks;

/// <summary>
/// Plain benchmark harness (Stopwatch, child processes for clean peak-RSS figures); see docs/benchmarks.md.
///   parser FILE        tokenizer floor and engine throughput on FILE, each in its own process, plus peak RSS
///   floor FILE         (child) Utf8JsonReader pass that only tokenises every line
///   engine FILE        (child) the full EventLogReader pass
///   operator-burst N [--jobs [--real K] [--threshold BYTES]]  N completions at once; with --jobs through analysis Jobs and the fake kubelet
/// </summary>
public static class BenchmarkMain
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: parser FILE | floor FILE | engine FILE");
            return 2;
        }

        return args[0] switch
        {
            "parser" when args.Length >= 2 => ParserBenchmark.Compare(args[1], args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3),
            "floor" when args.Length >= 2 => ParserBenchmark.Floor(args[1]),
            "engine" when args.Length >= 2 => ParserBenchmark.Engine(args[1]),
            "operator-burst" when args.Contains("--jobs") => OperatorJobBurstBenchmark.RunAsync(
                args.Length >= 2 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var jobs) ? jobs : 1000,
                Array.IndexOf(args, "--real") is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 50,
                Array.IndexOf(args, "--threshold") is var th and >= 0 && th + 1 < args.Length ? long.Parse(args[th + 1], System.Globalization.CultureInfo.InvariantCulture) : 0).GetAwaiter().GetResult(),
            "operator-burst" => OperatorBurstBenchmark.RunAsync(args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000).GetAwaiter().GetResult(),
            "simulator" => SimulatorBenchmark.Run(),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: parser FILE [REPEATS] | floor FILE | engine FILE");
        return 2;
    }
}
