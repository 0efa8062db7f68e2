using SparkOptimizer.Benchmarks;

return BenchmarkMain.Run(args);
