namespace SparkOptimizer.Dashboard.Views;

/// <summary>One point of the what-if curve: predicted duration (with interval) and cost at an executor count.</summary>
public sealed record WhatIfPoint(int Executors, long DurationMs, long LowMs, long HighMs, double ExecutorHours, decimal? Cost, bool Observed);
