using System.Text;
using Octokit;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Publishing.GitHub;

/// <summary>One commit's files through the Git database API: one recursive tree listing, then blobs on demand.</summary>
internal sealed class GitHubRepositoryFiles(IGitHubClient client, GitHubRetryPolicy retry, string owner, string repository, string treeSha) : IRepositoryFiles
{
    private Dictionary<string, TreeItem>? _items;

    public async Task<IReadOnlyList<(string Path, long? Size)>> ListFilesAsync(CancellationToken cancellationToken)
    {
        var items = await ItemsAsync(cancellationToken);
        return items.Values.Select(i => (i.Path, (long?)i.Size)).ToList();
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var items = await ItemsAsync(cancellationToken);
        if (!items.TryGetValue(path, out var item))
        {
            return null;
        }

        var blob = await retry.RunAsync("get blob", () => client.Git.Blob.Get(owner, repository, item.Sha), cancellationToken);
        return blob.Encoding.Value == EncodingType.Base64 ? Encoding.UTF8.GetString(Convert.FromBase64String(blob.Content)) : blob.Content;
    }

    public async Task<string> ModeOfAsync(string path, CancellationToken cancellationToken) =>
        (await ItemsAsync(cancellationToken)).TryGetValue(path, out var item) ? item.Mode : "100644";

    private async Task<Dictionary<string, TreeItem>> ItemsAsync(CancellationToken cancellationToken)
    {
        if (_items is null)
        {
            var tree = await retry.RunAsync("get tree", () => client.Git.Tree.GetRecursive(owner, repository, treeSha), cancellationToken);
            if (tree.Truncated)
            {
                throw new InvalidOperationException($"The tree of {owner}/{repository} is too large to list in one call; set the sparkoptimizer.io/manifest annotation.");
            }

            _items = tree.Tree.Where(i => i.Type.Value == TreeType.Blob).ToDictionary(i => i.Path, StringComparer.Ordinal);
        }

        return _items;
    }
}
