namespace SparkOptimizer.Publishing;

/// <summary>Where a manifest lives: the <c>sparkoptimizer.io/manifest</c> annotation's <c>&lt;owner&gt;/&lt;repo&gt;/&lt;path&gt;</c>.</summary>
public sealed record ManifestLocation(string Owner, string Repository, string Path)
{
    /// <summary>Parses <c>owner/repo/path/to/file.yaml</c>; rejects absolute paths and any <c>..</c> segment.</summary>
    public static ManifestLocation Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var parts = value.Trim().Split('/', 3);
        if (parts.Length < 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Manifest location '{value}' must look like <owner>/<repo>/<path>.", nameof(value));
        }

        return new ManifestLocation(parts[0], parts[1], RepositoryPath.Normalize(parts[2]));
    }

    public override string ToString() => $"{Owner}/{Repository}/{Path}";
}
