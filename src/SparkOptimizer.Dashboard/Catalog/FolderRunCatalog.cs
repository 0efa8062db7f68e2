using System.Collections.Concurrent;
using SparkOptimizer.Ingest;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Catalog;

/// <summary>
/// A folder of event logs as a catalog: logs are found on first use, each analysed once (lazily) and cached.
/// Logs that cannot be read are left out and listed in <see cref="Problems"/>. Apps are grouped by application name.
/// </summary>
public sealed class FolderRunCatalog : IRunCatalog
{
    private readonly string _folder;
    private readonly AnalysisPipeline _pipeline;
    private readonly Lazy<IReadOnlyList<Entry>> _entries;
    private readonly ConcurrentQueue<string> _problems = new();

    /// <summary>How long one log may be read and analysed before it is left out.</summary>
    public static readonly TimeSpan InputTimeLimit = TimeSpan.FromMinutes(5);

    public FolderRunCatalog(string folder, AnalysisPipeline? pipeline = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
        _pipeline = pipeline ?? new AnalysisPipeline();
        _entries = new Lazy<IReadOnlyList<Entry>>(Locate);
    }

    /// <summary>Logs left out, with the reason.</summary>
    public IReadOnlyCollection<string> Problems => _problems.ToArray();

    public IReadOnlyList<CatalogRun> Runs()
    {
        var entries = _entries.Value;
        // First listing analyses every log; in parallel, since each is independent.
        Parallel.ForEach(entries, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, e => _ = e.Report.Value);
        return entries
            .Where(e => e.Report.Value is not null)
            .Select(e => new CatalogRun(e.Id, RunIds.Slug(e.Report.Value!.JobName), e.Report.Value!.JobName, e.Report.Value!.Run.Application.StartTime))
            .OrderBy(r => r.AppName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.StartTime)
            .ToList();
    }

    public RunReport? Report(string runId) => _entries.Value.FirstOrDefault(e => e.Id == runId)?.Report.Value;

    public AppAnnotations Annotations(string appKey) => AppAnnotations.None;

    private List<Entry> Locate()
    {
        IReadOnlyList<EventLogInput> inputs;
        try
        {
            inputs = new LocalEventLogLocator().Locate(_folder);
        }
        catch (EventLogFormatException ex)
        {
            _problems.Enqueue(ex.Message);
            return [];
        }

        foreach (var warning in inputs.Where(i => i.Parts.Count == 0).SelectMany(i => i.Warnings))
        {
            _problems.Enqueue($"{warning.File}: {warning.Message}");
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        foreach (var input in inputs.Where(i => i.Parts.Count > 0))
        {
            var id = RunIds.Slug(Path.GetFileName(input.Path.TrimEnd(Path.DirectorySeparatorChar)));
            var unique = id;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{id}-{n}";
            }

            entries.Add(new Entry(unique, new Lazy<RunReport?>(() => Analyze(input), LazyThreadSafetyMode.ExecutionAndPublication)));
        }

        return entries;
    }

    private RunReport? Analyze(EventLogInput input)
    {
        try
        {
            // A time limit per input: a server thread is never held by one log for longer.
            using var limit = new CancellationTokenSource(InputTimeLimit);
            return _pipeline.Analyze(input, limit.Token);
        }
        catch (OperationCanceledException)
        {
            _problems.Enqueue($"{input.Path}: reading took longer than the limit of {InputTimeLimit.TotalSeconds:0} s per input; left out");
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One log that breaks the reader or an analyzer must not take the whole catalog down.
            _problems.Enqueue($"{input.Path}: {ex.Message}");
            return null;
        }
    }

    private sealed record Entry(string Id, Lazy<RunReport?> Report);
}
