using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// Groups a flat object listing into applications with the local locator's rules: a Spark rolling folder
/// (eventlog_v2_*/events_N_*) or a Databricks rolled folder is one application; any other file is one; zips are opened.
/// </summary>
internal static class RemoteLayout
{
    /// <summary>Picks the objects a URI names: the object itself when one has exactly that key, else everything under it as a folder.</summary>
    public static IReadOnlyList<RemoteObject> Select(string key, IReadOnlyList<RemoteObject> listed)
    {
        var trimmed = key.TrimEnd('/');
        var prefix = trimmed.Length == 0 ? string.Empty : trimmed + "/";
        var under = listed.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        if (trimmed.Length > 0 && !key.EndsWith('/') && listed.FirstOrDefault(o => o.Key == trimmed) is { } exact && (exact.Length > 0 || under.Length == 0))
        {
            return [exact]; // an empty object with objects under it is a folder marker, not a log
        }

        return under;
    }

    public static IReadOnlyList<EventLogInput> Group(
        IReadOnlyList<RemoteObject> objects,
        Func<RemoteObject, string> display,
        Func<RemoteObject, EventLogPart> part,
        Func<RemoteObject, IReadOnlyList<EventLogInput>> openZip)
    {
        var inputs = new List<EventLogInput>();
        // ADLS Gen2 and some S3 tools list a folder as an empty object of the folder's own name: skip those.
        var folders = new HashSet<string>(objects.SelectMany(o => Ancestors(o.Folder)), StringComparer.Ordinal);
        var usable = objects.Where(o => !o.Key.EndsWith('/') && !folders.Contains(o.Key) && !o.Name.StartsWith('.') && !IsDocumentation(o.Name));
        foreach (var folder in usable.GroupBy(o => o.Folder).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var files = folder.OrderBy(o => o.Name, StringComparer.Ordinal).ToArray();
            var names = files.Select(f => f.Name).ToArray();
            var folderName = folder.Key[(folder.Key.LastIndexOf('/') + 1)..];
            var folderDisplay = files.Length > 0 ? display(files[0])[..^(files[0].Name.Length + 1)] : folder.Key;
            if (EventLogLayouts.IsRollingFolderName(folderName) || EventLogLayouts.IsRollingSet(names))
            {
                var ordered = files.Select(f => (File: f, Index: EventLogLayouts.RollingIndex(f.Name))).Where(p => p.Index is not null).OrderBy(p => p.Index).ToArray();
                var warnings = LocalEventLogLocator.MissingParts(folderDisplay, ordered.Select(o => o.Index!.Value).ToArray());
                inputs.Add(new EventLogInput(folderDisplay, "spark-rolling", ordered.Select(o => part(o.File)).ToArray(), warnings));
            }
            else if (EventLogLayouts.IsDatabricksSet(names))
            {
                var ordered = files.Where(f => EventLogLayouts.DatabricksOrder(f.Name) is not null)
                    .OrderBy(f => EventLogLayouts.DatabricksOrder(f.Name), StringComparer.Ordinal).Select(part).ToArray();
                inputs.Add(new EventLogInput(folderDisplay, "databricks-rolled", ordered, []));
            }
            else
            {
                foreach (var file in files.Where(f => !EventLogLayouts.IsAppStatusMarker(f.Name)))
                {
                    if (file.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                    {
                        inputs.AddRange(openZip(file));
                    }
                    else
                    {
                        inputs.Add(new EventLogInput(display(file), "file", [part(file)], Array.Empty<IngestWarning>()));
                    }
                }
            }
        }

        return inputs;
    }

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (var f = folder; f.Length > 0; f = f.LastIndexOf('/') is var i and >= 0 ? f[..i] : string.Empty)
        {
            yield return f;
        }
    }

    private static bool IsDocumentation(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".crc", StringComparison.OrdinalIgnoreCase) || name == "_SUCCESS";
}
