using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SparkOptimizer.Publishing.Manifests;

/// <summary>
/// Finds the file holding an app's manifest: the annotation's path when given (validated: relative, no '..'), else a
/// search of every YAML file for the one document whose kind, API group, namespace (default "default") and name match.
/// Kustomize: a <c>kustomization.yaml</c>'s <c>namespace:</c> applies to the resources it lists, through nested folders.
/// </summary>
public sealed class ManifestLocator(YamlLimits? limits = null, ILogger<ManifestLocator>? logger = null)
{
    private static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
    private const int MaxKustomizeDepth = 16;

    private readonly YamlLimits _limits = limits ?? YamlLimits.Default;
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<LocatedManifest> LocateAsync(IRepositoryFiles files, AppIdentity app, string? overridePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(app);
        var listing = await files.ListFilesAsync(cancellationToken);
        var namespaces = await KustomizeNamespacesAsync(files, listing, cancellationToken);

        if (overridePath is not null)
        {
            var path = RepositoryPath.Normalize(overridePath);
            var text = await files.ReadFileAsync(path, cancellationToken)
                ?? throw new ManifestNotFoundException($"The manifest path '{path}' given for {app} does not exist.");
            var inherited = MatchingNamespace(text, app, namespaces.GetValueOrDefault(path));
            return inherited.Found
                ? new LocatedManifest(path, text, inherited.Namespace)
                : throw new ManifestNotFoundException($"'{path}' holds no document for {app}.");
        }

        var matches = new List<LocatedManifest>();
        foreach (var (path, size) in listing)
        {
            if (!IsYaml(path) || IsKustomization(path) || size > _limits.MaxChars)
            {
                continue;
            }

            var text = await files.ReadFileAsync(path, cancellationToken);
            if (text is null || !text.Contains(app.Name, StringComparison.Ordinal) || !text.Contains(app.Kind, StringComparison.Ordinal))
            {
                continue;
            }

            var match = MatchingNamespace(text, app, namespaces.GetValueOrDefault(path));
            if (match.Found)
            {
                matches.Add(new LocatedManifest(path, text, match.Namespace));
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ManifestNotFoundException($"No YAML document in the repository matches {app}; set the sparkoptimizer.io/manifest annotation."),
            _ => throw new ManifestNotFoundException($"{matches.Count} files match {app} ({string.Join(", ", matches.Select(m => m.Path))}); set the sparkoptimizer.io/manifest annotation to choose one."),
        };
    }

    private static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static bool IsKustomization(string path) => KustomizationNames.Contains(path.Split('/')[^1], StringComparer.Ordinal);

    /// <summary>Which Kustomize namespaces apply to the file: when several overlays include it, any of them may match.</summary>
    private (bool Found, string? Namespace) MatchingNamespace(string text, AppIdentity app, IReadOnlySet<string>? kustomizeNamespaces)
    {
        IReadOnlyList<SourceDocument> documents;
        try
        {
            documents = SourceYamlParser.Parse(text, _limits);
        }
        catch (Exception ex) when (ex is ManifestEditException or YamlLimitException)
        {
            _logger.LogDebug("Skipping a file that is not valid YAML: {Reason}", ex.Message);
            return (false, null);
        }

        foreach (var ns in (IEnumerable<string?>?)kustomizeNamespaces ?? [null])
        {
            if (documents.Any(d => ManifestMatcher.Matches(d, app, ns)))
            {
                return (true, ns);
            }
        }

        return (false, null);
    }

    /// <summary>Maps each file listed by a kustomization (directly or through nested folders) to the namespaces set on the way.</summary>
    private async Task<Dictionary<string, IReadOnlySet<string>>> KustomizeNamespacesAsync(
        IRepositoryFiles files, IReadOnlyList<(string Path, long? Size)> listing, CancellationToken cancellationToken)
    {
        var paths = listing.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var kustomization in paths.Where(IsKustomization).Order(StringComparer.Ordinal))
        {
            await ApplyAsync(kustomization, null, 0);
        }

        return result.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value, StringComparer.Ordinal);

        async Task ApplyAsync(string kustomizationPath, string? outerNamespace, int depth)
        {
            if (depth > MaxKustomizeDepth || await files.ReadFileAsync(kustomizationPath, cancellationToken) is not { } text)
            {
                return;
            }

            SourceNode? root;
            try
            {
                root = SourceYamlParser.Parse(text, _limits).FirstOrDefault()?.Root;
            }
            catch (Exception ex) when (ex is ManifestEditException or YamlLimitException)
            {
                return;
            }

            // The outermost kustomization's namespace wins, as kustomize applies overlays last.
            var ns = outerNamespace ?? root?.ScalarAt("namespace");
            var directory = RepositoryPath.DirectoryOf(kustomizationPath);
            var resources = root?.Get("resources") is { Kind: SourceNodeKind.Sequence } seq ? seq.Items.Where(i => i.Kind == SourceNodeKind.Scalar).Select(i => i.Value) : [];
            foreach (var resource in resources)
            {
                var target = RepositoryPath.Combine(directory, resource);
                if (target is null)
                {
                    continue;
                }

                if (paths.Contains(target))
                {
                    if (ns is not null)
                    {
                        (result.TryGetValue(target, out var set) ? set : result[target] = new HashSet<string>(StringComparer.Ordinal)).Add(ns);
                    }

                    continue;
                }

                var nested = KustomizationNames.Select(n => target.Length == 0 ? n : $"{target}/{n}").FirstOrDefault(paths.Contains);
                if (nested is not null)
                {
                    await ApplyAsync(nested, ns, depth + 1);
                }
            }
        }
    }
}
