using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing.GitHub;

/// <summary>The Git database endpoints (docs.github.com/rest/git), written with git plumbing in the bare repository.</summary>
public sealed partial class FakeGitHubServer
{
    // GET /git/refs/{ref}: the exact ref as an object; when only refs below it exist, an array of them (the legacy
    // "matching refs" behaviour GitHub still serves); else 404. GET /git/refs lists all.
    // POST /git/refs {ref, sha}: 201, or 422 "Reference already exists".
    // PATCH /git/refs/{ref} {sha, force}: 200, or 422 "Update is not a fast forward" unless force is true.
    // DELETE /git/refs/{ref}: 204.
    private async Task<(int, object)> RefsAsync(FakeRepository repo, string method, string[] rest, string body)
    {
        var name = rest.Length == 0 ? null : "refs/" + string.Join('/', rest);
        var refs = await repo.Git.ListRefsAsync();
        switch (method)
        {
            case "GET":
                if (name is not null && refs.FirstOrDefault(r => r.Ref == name) is { Ref: not null } exact)
                {
                    return (200, RefJson(repo, exact.Ref, exact.Sha));
                }

                var matching = refs.Where(r => name is null || r.Ref.StartsWith(name + "/", StringComparison.Ordinal)).Select(r => RefJson(repo, r.Ref, r.Sha)).ToList();
                return matching.Count == 0 ? (404, NotFound) : (200, matching);
            case "POST":
                {
                    var json = ParseBody(body);
                    var newRef = json["ref"]!.GetValue<string>();
                    var sha = json["sha"]!.GetValue<string>();
                    if (!newRef.StartsWith("refs/", StringComparison.Ordinal) || newRef.Count(c => c == '/') < 2)
                    {
                        return (422, new { message = "Reference name must start with 'refs/' and have at least two slashes." });
                    }

                    if (await repo.Git.ObjectTypeAsync(sha) != "commit")
                    {
                        return (422, new { message = "Object does not exist" });
                    }

                    if (!await repo.Git.UpdateRefAsync(newRef, sha, string.Empty))
                    {
                        return (422, new { message = "Reference already exists" });
                    }

                    repo.RefUpdates.Add((newRef, null, sha, false));
                    return (201, RefJson(repo, newRef, sha));
                }

            case "PATCH":
                {
                    var json = ParseBody(body);
                    var sha = json["sha"]!.GetValue<string>();
                    var force = json["force"]?.GetValue<bool>() ?? false;
                    var old = refs.FirstOrDefault(r => r.Ref == name).Sha;
                    if (old is null)
                    {
                        return (422, new { message = "Reference does not exist" });
                    }

                    if (await repo.Git.ObjectTypeAsync(sha) != "commit")
                    {
                        return (422, new { message = "Object does not exist" });
                    }

                    var fastForward = await repo.Git.IsAncestorAsync(old, sha);
                    if (!fastForward && !force)
                    {
                        return (422, new { message = "Update is not a fast forward" });
                    }

                    await repo.Git.UpdateRefAsync(name!, sha, old);
                    repo.RefUpdates.Add((name!, old, sha, !fastForward));
                    return (200, RefJson(repo, name!, sha));
                }

            case "DELETE":
                if (name is null || refs.All(r => r.Ref != name))
                {
                    return (422, new { message = "Reference does not exist" });
                }

                await repo.Git.DeleteRefAsync(name);
                return (204, null!);
            default:
                return (404, NotFound);
        }
    }

    private object RefJson(FakeRepository repo, string name, string sha) => new
    {
        @ref = name,
        node_id = "REF_" + sha[..8],
        url = ApiUrl(repo, "git/" + name),
        @object = new { sha, type = "commit", url = ApiUrl(repo, "git/commits/" + sha) },
    };

    // POST /git/blobs {content, encoding: "utf-8" | "base64"}: 201 {sha, url}.
    private async Task<(int, object)> CreateBlobAsync(FakeRepository repo, string body)
    {
        var json = ParseBody(body);
        var content = json["content"]!.GetValue<string>();
        var bytes = json["encoding"]?.GetValue<string>() == "base64" ? Convert.FromBase64String(content) : Encoding.UTF8.GetBytes(content);
        var sha = await repo.Git.HashObjectAsync(bytes);
        return (201, new { sha, url = ApiUrl(repo, "git/blobs/" + sha) });
    }

    // GET /git/blobs/{sha}: {content (base64), encoding: "base64", sha, size}.
    private async Task<(int, object)> GetBlobAsync(FakeRepository repo, string sha)
    {
        if (await repo.Git.ObjectTypeAsync(sha) != "blob")
        {
            return (404, NotFound);
        }

        var bytes = await repo.Git.ReadBlobAsync(sha);
        return (200, new { sha, size = bytes.Length, url = ApiUrl(repo, "git/blobs/" + sha), content = Convert.ToBase64String(bytes), encoding = "base64" });
    }

    // POST /git/trees {base_tree?, tree: [{path, mode, type, sha | content}]}: entries replace or add paths in base_tree
    // (nested paths create folders); "sha": null deletes the path. 201 {sha, url, tree, truncated}.
    private async Task<(int, object)> CreateTreeAsync(FakeRepository repo, string body)
    {
        var json = ParseBody(body);
        var baseTree = json["base_tree"]?.GetValue<string>();
        if (baseTree is not null && await repo.Git.ObjectTypeAsync(baseTree) is not ("tree" or "commit"))
        {
            return (422, new { message = "base_tree is not a valid tree" });
        }

        if (baseTree is not null && await repo.Git.ObjectTypeAsync(baseTree) == "commit")
        {
            baseTree = (await repo.Git.ReadCommitAsync(baseTree))!.Tree;
        }

        var changes = new List<(string, string, string?)>();
        foreach (var item in json["tree"]!.AsArray())
        {
            var path = item!["path"]!.GetValue<string>();
            var mode = item["mode"]?.GetValue<string>() ?? "100644";
            string? sha = item["content"] is { } content
                ? await repo.Git.HashObjectAsync(Encoding.UTF8.GetBytes(content.GetValue<string>()))
                : item["sha"]?.GetValue<string>();
            changes.Add((path, mode, sha));
        }

        var tree = await repo.Git.BuildTreeAsync(baseTree, changes);
        return (201, await TreeJsonAsync(repo, tree, recursive: false));
    }

    // GET /git/trees/{tree_sha or ref}?recursive=1: every entry below the tree, with sizes for blobs.
    private async Task<(int, object)> GetTreeAsync(FakeRepository repo, string shaOrRef, bool recursive)
    {
        var tree = await repo.Git.ResolveAsync(shaOrRef + "^{tree}");
        return tree is null ? (404, NotFound) : (200, await TreeJsonAsync(repo, tree, recursive));
    }

    private async Task<object> TreeJsonAsync(FakeRepository repo, string tree, bool recursive)
    {
        var entries = recursive
            ? await repo.Git.ReadTreeRecursiveAsync(tree)
            : (await repo.Git.ReadTreeAsync(tree)).Select(e => (Path: e.Key, e.Value.Mode, e.Value.Type, e.Value.Sha, Size: (long?)null)).ToList();
        return new
        {
            sha = tree,
            url = ApiUrl(repo, "git/trees/" + tree),
            truncated = false,
            tree = entries.Select(e => new { path = e.Path, mode = e.Mode, type = e.Type, sha = e.Sha, size = e.Size, url = ApiUrl(repo, $"git/{e.Type}s/{e.Sha}") }),
        };
    }

    // POST /git/commits {message, tree, parents, author?, committer?}: 201 with the commit. Without an author, the
    // authenticated user is the author, as on GitHub.
    private async Task<(int, object)> CreateCommitAsync(FakeRepository repo, string body)
    {
        var json = ParseBody(body);
        var tree = json["tree"]!.GetValue<string>();
        var parents = json["parents"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
        var valid = await repo.Git.ObjectTypeAsync(tree) == "tree";
        foreach (var parent in parents)
        {
            valid &= await repo.Git.ObjectTypeAsync(parent) == "commit";
        }

        if (!valid)
        {
            return (422, new { message = "Tree SHA or parent SHAs do not exist" });
        }

        var now = _time.GetUtcNow();
        var author = Signature(json["author"]) ?? new GitSignature("token-user", "token-user@example.com", now);
        var committer = Signature(json["committer"]) ?? author;
        var sha = await repo.Git.CommitTreeAsync(tree, parents, json["message"]!.GetValue<string>(), author, committer);
        return (201, (await CommitJsonAsync(repo, sha))!);
    }

    private static GitSignature? Signature(JsonNode? node) => node is null
        ? null
        : new GitSignature(
            node["name"]!.GetValue<string>(),
            node["email"]!.GetValue<string>(),
            node["date"] is { } d ? DateTimeOffset.Parse(d.GetValue<string>(), CultureInfo.InvariantCulture) : DateTimeOffset.UnixEpoch);

    private async Task<(int, object)> GetCommitAsync(FakeRepository repo, string sha)
    {
        var json = await CommitJsonAsync(repo, sha);
        return json is null ? (404, NotFound) : (200, (object)json);
    }

    private async Task<object?> CommitJsonAsync(FakeRepository repo, string sha)
    {
        var commit = await repo.Git.ReadCommitAsync(sha);
        if (commit is null)
        {
            return null;
        }

        static object Person(GitSignature s) => new { name = s.Name, email = s.Email, date = s.Date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
        return new
        {
            sha,
            node_id = "C_" + sha[..8],
            url = ApiUrl(repo, "git/commits/" + sha),
            message = commit.Message,
            tree = new { sha = commit.Tree, url = ApiUrl(repo, "git/trees/" + commit.Tree) },
            parents = commit.Parents.Select(p => new { sha = p, url = ApiUrl(repo, "git/commits/" + p) }),
            author = Person(commit.Author),
            committer = Person(commit.Committer),
            verification = new { verified = false, reason = "unsigned" },
        };
    }

    // GET /contents/{path}?ref=: a file as {type: "file", encoding: "base64", content}, a folder as an array of entries.
    private async Task<(int, object)> GetContentsAsync(FakeRepository repo, string path, string reference)
    {
        var revision = string.IsNullOrEmpty(reference) ? repo.DefaultBranch : reference;
        var tree = await repo.Git.ResolveAsync(revision + "^{tree}");
        if (tree is null)
        {
            return (404, NotFound);
        }

        var all = await repo.Git.ReadTreeRecursiveAsync(tree);
        if (path.Length == 0 || all.Any(e => e.Path == path && e.Type == "tree"))
        {
            var prefix = path.Length == 0 ? string.Empty : path + "/";
            return (200, all.Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal) && !e.Path[prefix.Length..].Contains('/', StringComparison.Ordinal))
                .Select(e => ContentEntry(repo, e.Path, e.Type == "tree" ? "dir" : "file", e.Sha, e.Size ?? 0, null)).ToList());
        }

        var file = all.FirstOrDefault(e => e.Path == path && e.Type == "blob");
        if (file.Path is null)
        {
            return (404, NotFound);
        }

        var bytes = await repo.Git.ReadBlobAsync(file.Sha);
        return (200, ContentEntry(repo, path, "file", file.Sha, bytes.Length, Convert.ToBase64String(bytes)));
    }

    private object ContentEntry(FakeRepository repo, string path, string type, string sha, long size, string? content) => new
    {
        type,
        encoding = content is null ? null : "base64",
        size,
        name = path.Split('/')[^1],
        path,
        content,
        sha,
        url = ApiUrl(repo, "contents/" + path),
        git_url = ApiUrl(repo, (type == "dir" ? "git/trees/" : "git/blobs/") + sha),
        html_url = $"{BaseUri}{repo.Owner}/{repo.Name}/blob/{repo.DefaultBranch}/{path}",
        download_url = (string?)null,
    };
}
