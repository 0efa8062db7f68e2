namespace SparkOptimizer.Ingest;

/// <summary>One file of an event log (a whole log, or one part of a rolling log), opened on demand.</summary>
public sealed record EventLogPart(string Name, Func<Stream> Open, long? Length = null);
