using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing.GitHub;

/// <summary>Pull requests (docs.github.com/rest/pulls) and their labels (docs.github.com/rest/issues/labels).</summary>
public sealed partial class FakeGitHubServer
{
    // GET /pulls?state=open|closed|all&head=owner:branch&base=branch: newest first, as GitHub sorts by default.
    private async Task<(int, object)> ListPullsAsync(FakeRepository repo, string state, string head, string baseRef)
    {
        state = string.IsNullOrEmpty(state) ? "open" : state;
        var headBranch = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        var headOwner = head.Contains(':', StringComparison.Ordinal) ? head[..head.IndexOf(':', StringComparison.Ordinal)] : null;
        var selected = repo.PullRequests
            .Where(p => state == "all" || p.State == state)
            .Where(p => string.IsNullOrEmpty(head) || (p.HeadRef == headBranch && (headOwner is null || string.Equals(headOwner, repo.Owner, StringComparison.OrdinalIgnoreCase))))
            .Where(p => string.IsNullOrEmpty(baseRef) || p.BaseRef == baseRef)
            .OrderByDescending(p => p.Number)
            .ToList();
        var result = new List<JsonNode>();
        foreach (var pr in selected)
        {
            result.Add(await PullJsonAsync(repo, pr, withMergeability: false));
        }

        return (200, new JsonArray([.. result]));
    }

    // POST /pulls {title, head, base, body, draft}: 201; 422 when the head branch is missing, when head and base are
    // equal, or when an open pull request already exists for the same head and base.
    private async Task<(int, object)> CreatePullAsync(FakeRepository repo, string body)
    {
        var json = ParseBody(body);
        var head = json["head"]!.GetValue<string>();
        head = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        var baseRef = json["base"]!.GetValue<string>();
        if (await repo.Git.ResolveAsync("refs/heads/" + head) is null || await repo.Git.ResolveAsync("refs/heads/" + baseRef) is null)
        {
            return (422, Validation($"head {head} or base {baseRef} invalid"));
        }

        lock (repo.Pulls)
        {
            if (repo.Pulls.Any(p => p.State == "open" && p.HeadRef == head && p.BaseRef == baseRef))
            {
                return (422, Validation($"A pull request already exists for {repo.Owner}:{head}."));
            }
        }

        var now = _time.GetUtcNow();
        var pr = new FakePullRequest
        {
            Number = repo.NextNumber++,
            Title = json["title"]!.GetValue<string>(),
            Body = json["body"]?.GetValue<string>(),
            HeadRef = head,
            BaseRef = baseRef,
            CreatedAt = now,
            UpdatedAt = now,
        };
        lock (repo.Pulls)
        {
            repo.Pulls.Add(pr);
        }

        return (201, await PullJsonAsync(repo, pr, withMergeability: false));
    }

    // GET /pulls/{n}: includes "mergeable" (computed here at once with git merge-tree; GitHub computes it in the
    // background and may answer null first) and "mergeable_state" clean | dirty.
    private async Task<(int, object)> GetPullAsync(FakeRepository repo, string number)
    {
        var pr = Find(repo, number);
        return pr is null ? (404, NotFound) : (200, await PullJsonAsync(repo, pr, withMergeability: true));
    }

    // PATCH /pulls/{n} {title, body, state, base}.
    private async Task<(int, object)> UpdatePullAsync(FakeRepository repo, string number, string body)
    {
        var pr = Find(repo, number);
        if (pr is null)
        {
            return (404, NotFound);
        }

        var json = ParseBody(body);
        pr.Title = json["title"]?.GetValue<string>() ?? pr.Title;
        pr.Body = json["body"]?.GetValue<string>() ?? pr.Body;
        pr.BaseRef = json["base"]?.GetValue<string>() ?? pr.BaseRef;
        if (json["state"]?.GetValue<string>() is { } state && state != pr.State)
        {
            pr.State = state;
            pr.ClosedAt = state == "closed" ? _time.GetUtcNow() : null;
        }

        pr.UpdatedAt = _time.GetUtcNow();
        return (200, await PullJsonAsync(repo, pr, withMergeability: true));
    }

    // PUT /pulls/{n}/merge: a merge commit on the base branch; 405 "Pull Request is not mergeable" on conflict.
    private async Task<(int, object)> MergePullAsync(FakeRepository repo, string number, string body)
    {
        var pr = Find(repo, number);
        if (pr is null)
        {
            return (404, NotFound);
        }

        var baseSha = await repo.Git.ResolveAsync("refs/heads/" + pr.BaseRef);
        var headSha = await repo.Git.ResolveAsync("refs/heads/" + pr.HeadRef);
        var tree = pr.State == "open" && baseSha is not null && headSha is not null ? await repo.Git.MergeTreeAsync(baseSha, headSha) : null;
        if (tree is null)
        {
            return (405, new { message = "Pull Request is not mergeable" });
        }

        var json = string.IsNullOrEmpty(body) ? new JsonObject() : ParseBody(body);
        if (json["sha"]?.GetValue<string>() is { Length: > 0 } expected && expected != headSha)
        {
            // GitHub's answer when the head moved since the caller looked (the "sha" parameter guards against merging unseen commits).
            return (409, new { message = "Head branch was modified. Review and try the merge again." });
        }

        if (repo.RequireReviews)
        {
            return (405, new { message = "At least 1 approving review is required by reviewers with write access." });
        }

        var who = new GitSignature("Reviewer", "reviewer@example.com", _time.GetUtcNow());
        var message = json["commit_title"]?.GetValue<string>() ?? $"Merge pull request #{pr.Number} from {repo.Owner}/{pr.HeadRef}";
        var merge = await repo.Git.CommitTreeAsync(tree, [baseSha!, headSha!], message, who, who);
        await repo.Git.UpdateRefAsync("refs/heads/" + pr.BaseRef, merge, baseSha);
        repo.RefUpdates.Add(("refs/heads/" + pr.BaseRef, baseSha, merge, false));
        pr.State = "closed";
        pr.Merged = true;
        pr.MergeCommitSha = merge;
        pr.ClosedAt = pr.UpdatedAt = _time.GetUtcNow();
        return (200, new { sha = merge, merged = true, message = "Pull Request successfully merged" });
    }

    private (int, object) LabelsOf(FakeRepository repo, string number)
    {
        var pr = Find(repo, number);
        return pr is null ? (404, NotFound) : (200, pr.Labels.Select(LabelJson).ToList());
    }

    // POST /issues/{n}/labels with ["name", ...] or {"labels": [...]}: adds (creating unknown labels), returns all.
    private (int, object) AddLabels(FakeRepository repo, string number, string body)
    {
        var pr = Find(repo, number);
        if (pr is null)
        {
            return (404, NotFound);
        }

        var json = ParseBody(body);
        var names = (json is JsonArray array ? array : json["labels"]!.AsArray()).Select(n => n!.GetValue<string>());
        foreach (var name in names.Where(n => !pr.Labels.Contains(n)))
        {
            pr.Labels.Add(name);
        }

        return (200, pr.Labels.Select(LabelJson).ToList());
    }

    private static object LabelJson(string name) => new { id = Math.Abs(name.GetHashCode(StringComparison.Ordinal)), node_id = "L_" + name, name, color = "0e8a16", @default = false, description = (string?)null, url = "label/" + name };

    private static FakePullRequest? Find(FakeRepository repo, string number)
    {
        lock (repo.Pulls)
        {
            return int.TryParse(number, out var n) ? repo.Pulls.FirstOrDefault(p => p.Number == n) : null;
        }
    }

    private async Task<JsonNode> PullJsonAsync(FakeRepository repo, FakePullRequest pr, bool withMergeability)
    {
        var headSha = await repo.Git.ResolveAsync("refs/heads/" + pr.HeadRef) ?? pr.LastHeadSha ?? string.Empty;
        var baseSha = await repo.Git.ResolveAsync("refs/heads/" + pr.BaseRef) ?? string.Empty;
        bool? mergeable = null;
        if (withMergeability && pr.State == "open" && headSha.Length > 0 && baseSha.Length > 0)
        {
            mergeable = await repo.Git.MergeTreeAsync(baseSha, headSha) is not null;
        }

        var repoJson = System.Text.Json.JsonSerializer.SerializeToNode(RepositoryJson(repo), Json);
        var node = new JsonObject
        {
            ["id"] = 5000 + pr.Number,
            ["node_id"] = $"PR_{pr.Number}",
            ["number"] = pr.Number,
            ["state"] = pr.State,
            ["title"] = pr.Title,
            ["body"] = pr.Body,
            ["url"] = ApiUrl(repo, "pulls/" + pr.Number),
            ["html_url"] = $"{BaseUri}{repo.Owner}/{repo.Name}/pull/{pr.Number}",
            ["user"] = new JsonObject { ["login"] = "token-user", ["id"] = 1 },
            ["head"] = new JsonObject { ["label"] = $"{repo.Owner}:{pr.HeadRef}", ["ref"] = pr.HeadRef, ["sha"] = headSha, ["repo"] = repoJson?.DeepClone() },
            ["base"] = new JsonObject { ["label"] = $"{repo.Owner}:{pr.BaseRef}", ["ref"] = pr.BaseRef, ["sha"] = baseSha, ["repo"] = repoJson?.DeepClone() },
            ["merged"] = pr.Merged,
            ["mergeable"] = mergeable,
            ["mergeable_state"] = mergeable switch { true => "clean", false => "dirty", null => "unknown" },
            ["merge_commit_sha"] = pr.MergeCommitSha,
            ["labels"] = new JsonArray([.. pr.Labels.Select(l => System.Text.Json.JsonSerializer.SerializeToNode(LabelJson(l), Json))]),
            ["created_at"] = pr.CreatedAt.ToString("O"),
            ["updated_at"] = pr.UpdatedAt.ToString("O"),
            ["closed_at"] = pr.ClosedAt?.ToString("O"),
            ["merged_at"] = pr.Merged ? pr.ClosedAt?.ToString("O") : null,
            ["draft"] = false,
        };
        return node;
    }
}
