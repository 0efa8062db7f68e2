using System.Globalization;
using System.Text;

namespace SparkOptimizer.Testing.GitHub;

/// <summary>
/// A real bare git repository on disk, written only with plumbing (<c>hash-object -w</c>, <c>mktree</c>,
/// <c>commit-tree</c>, <c>update-ref</c>), so whatever the fake GitHub server stores can be cloned and diffed.
/// </summary>
public sealed class BareRepository
{
    private BareRepository(string path) => Path = path;

    public string Path { get; }

    public static async Task<BareRepository> InitAsync(string path, string defaultBranch)
    {
        Directory.CreateDirectory(path);
        await GitRunner.RunAsync(path, "init", "--bare", "--quiet", "--initial-branch=" + defaultBranch);
        return new BareRepository(path);
    }

    public async Task<string> HashObjectAsync(byte[] content) =>
        Encoding.UTF8.GetString(await GitRunner.RunBytesAsync(Path, ["hash-object", "-w", "--stdin"], content)).Trim();

    public async Task<byte[]> ReadBlobAsync(string sha) => await GitRunner.RunBytesAsync(Path, ["cat-file", "blob", sha]);

    public async Task<string?> ResolveAsync(string revision)
    {
        var (code, stdout, _) = await GitRunner.RunRawAsync(Path, ["rev-parse", "--verify", "--quiet", revision]);
        return code == 0 ? Encoding.UTF8.GetString(stdout).Trim() : null;
    }

    public async Task<string?> ObjectTypeAsync(string sha)
    {
        var (code, stdout, _) = await GitRunner.RunRawAsync(Path, ["cat-file", "-t", sha]);
        return code == 0 ? Encoding.UTF8.GetString(stdout).Trim() : null;
    }

    /// <summary>All refs as (full name, sha), e.g. ("refs/heads/main", "abc...").</summary>
    public async Task<IReadOnlyList<(string Ref, string Sha)>> ListRefsAsync()
    {
        var text = await GitRunner.RunAsync(Path, "for-each-ref", "--format=%(refname) %(objectname)");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (l.Split(' ')[0], l.Split(' ')[1])).ToList();
    }

    /// <summary>Sets a ref; <paramref name="expectedOld"/> "" asserts it does not exist yet (git's own compare-and-swap).</summary>
    public async Task<bool> UpdateRefAsync(string name, string sha, string? expectedOld)
    {
        var args = new List<string> { "update-ref", name, sha };
        if (expectedOld is not null)
        {
            args.Add(expectedOld);
        }

        return (await GitRunner.RunRawAsync(Path, args)).Code == 0;
    }

    public async Task DeleteRefAsync(string name) => await GitRunner.RunAsync(Path, "update-ref", "-d", name);

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant) =>
        (await GitRunner.RunRawAsync(Path, ["merge-base", "--is-ancestor", ancestor, descendant])).Code == 0;

    /// <summary>Entries of one tree (not recursive): name -> (mode, type, sha).</summary>
    public async Task<Dictionary<string, (string Mode, string Type, string Sha)>> ReadTreeAsync(string treeSha)
    {
        var text = await GitRunner.RunAsync(Path, "ls-tree", treeSha);
        var result = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var meta = line[..tab].Split(' ');
            result[line[(tab + 1)..]] = (meta[0], meta[1], meta[2]);
        }

        return result;
    }

    /// <summary>Every entry under a tree, with sizes: (path, mode, type, sha, size).</summary>
    public async Task<IReadOnlyList<(string Path, string Mode, string Type, string Sha, long? Size)>> ReadTreeRecursiveAsync(string treeSha)
    {
        var text = await GitRunner.RunAsync(Path, "ls-tree", "-r", "-t", "-l", treeSha);
        var result = new List<(string, string, string, string, long?)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var meta = line[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long? size = long.TryParse(meta[3], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
            result.Add((line[(tab + 1)..], meta[0], meta[1], meta[2], size));
        }

        return result;
    }

    /// <summary>
    /// Builds a tree from <paramref name="baseTree"/> plus changes (path -> (mode, sha), sha null = delete), one
    /// <c>git mktree</c> per changed directory, bottom-up.
    /// </summary>
    public async Task<string> BuildTreeAsync(string? baseTree, IReadOnlyList<(string Path, string Mode, string? Sha)> changes)
    {
        var entries = baseTree is null ? new Dictionary<string, (string Mode, string Type, string Sha)>(StringComparer.Ordinal) : await ReadTreeAsync(baseTree);
        foreach (var group in changes.GroupBy(c => c.Path.Contains('/', StringComparison.Ordinal) ? c.Path[..c.Path.IndexOf('/', StringComparison.Ordinal)] : null))
        {
            if (group.Key is null)
            {
                foreach (var (path, mode, sha) in group)
                {
                    if (sha is null)
                    {
                        entries.Remove(path);
                    }
                    else
                    {
                        entries[path] = (mode, mode == "040000" ? "tree" : mode == "160000" ? "commit" : "blob", sha);
                    }
                }

                continue;
            }

            var sub = group.Select(c => (c.Path[(group.Key.Length + 1)..], c.Mode, c.Sha)).ToList();
            var subBase = entries.TryGetValue(group.Key, out var existing) && existing.Type == "tree" ? existing.Sha : null;
            var subTree = await BuildTreeAsync(subBase, sub);
            if ((await ReadTreeAsync(subTree)).Count == 0)
            {
                entries.Remove(group.Key);
            }
            else
            {
                entries[group.Key] = ("040000", "tree", subTree);
            }
        }

        var input = new StringBuilder();
        foreach (var (name, (mode, type, sha)) in entries)
        {
            input.Append(mode).Append(' ').Append(type).Append(' ').Append(sha).Append('\t').Append(name).Append('\n');
        }

        return Encoding.UTF8.GetString(await GitRunner.RunBytesAsync(Path, ["mktree"], Encoding.UTF8.GetBytes(input.ToString()))).Trim();
    }

    public async Task<string> CommitTreeAsync(string tree, IEnumerable<string> parents, string message, GitSignature author, GitSignature committer)
    {
        var args = new List<string> { "commit-tree", tree };
        foreach (var parent in parents)
        {
            args.Add("-p");
            args.Add(parent);
        }

        var env = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = author.Name,
            ["GIT_AUTHOR_EMAIL"] = author.Email,
            ["GIT_AUTHOR_DATE"] = $"{author.Date.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} +0000",
            ["GIT_COMMITTER_NAME"] = committer.Name,
            ["GIT_COMMITTER_EMAIL"] = committer.Email,
            ["GIT_COMMITTER_DATE"] = $"{committer.Date.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} +0000",
        };
        return Encoding.UTF8.GetString(await GitRunner.RunBytesAsync(Path, args, Encoding.UTF8.GetBytes(message), env)).Trim();
    }

    public async Task<GitCommitInfo?> ReadCommitAsync(string sha)
    {
        if (await ObjectTypeAsync(sha) != "commit")
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(await GitRunner.RunBytesAsync(Path, ["cat-file", "commit", sha]));
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = text[..split].Split('\n');
        var message = text[(split + 2)..];
        string tree = string.Empty;
        var parents = new List<string>();
        GitSignature? author = null, committer = null;
        foreach (var h in headers)
        {
            if (h.StartsWith("tree ", StringComparison.Ordinal))
            {
                tree = h[5..];
            }
            else if (h.StartsWith("parent ", StringComparison.Ordinal))
            {
                parents.Add(h[7..]);
            }
            else if (h.StartsWith("author ", StringComparison.Ordinal))
            {
                author = GitSignature.Parse(h[7..]);
            }
            else if (h.StartsWith("committer ", StringComparison.Ordinal))
            {
                committer = GitSignature.Parse(h[10..]);
            }
        }

        return new GitCommitInfo(sha, tree, parents, author!, committer!, message);
    }

    /// <summary>Three-way merge without a work tree (<c>git merge-tree --write-tree</c>): the merged tree, or null on conflict.</summary>
    public async Task<string?> MergeTreeAsync(string baseCommit, string headCommit)
    {
        var (code, stdout, _) = await GitRunner.RunRawAsync(Path, ["merge-tree", "--write-tree", baseCommit, headCommit]);
        return code == 0 ? Encoding.UTF8.GetString(stdout).Split('\n')[0].Trim() : null;
    }

    public async Task<string?> ReadFileAsync(string revision, string path)
    {
        var (code, stdout, _) = await GitRunner.RunRawAsync(Path, ["show", $"{revision}:{path}"]);
        return code == 0 ? Encoding.UTF8.GetString(stdout) : null;
    }
}
