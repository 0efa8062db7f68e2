using System.Text.Json;
using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing.GitHub;

/// <summary>Issues (docs.github.com/rest/issues/issues): enough for a summary issue kept up to date.</summary>
public sealed partial class FakeGitHubServer
{
    // GET /issues?state=open|closed|all&labels=a,b: issues AND pull requests (those carry a "pull_request" object, as on
    // GitHub), having every listed label, newest first.
    private async Task<(int, object)> ListIssuesAsync(FakeRepository repo, string state, string labels)
    {
        state = string.IsNullOrEmpty(state) ? "open" : state;
        var wanted = labels.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<(int Number, JsonNode Json)>();
        foreach (var issue in repo.Issues.Where(i => (state == "all" || i.State == state) && wanted.All(i.Labels.Contains)))
        {
            result.Add((issue.Number, IssueJson(repo, issue)));
        }

        foreach (var pr in repo.PullRequests.Where(p => (state == "all" || p.State == state) && wanted.All(p.Labels.Contains)))
        {
            var json = await PullJsonAsync(repo, pr, withMergeability: false);
            json["pull_request"] = new JsonObject { ["url"] = ApiUrl(repo, "pulls/" + pr.Number) };
            result.Add((pr.Number, json));
        }

        return (200, new JsonArray([.. result.OrderByDescending(r => r.Number).Select(r => r.Json)]));
    }

    // POST /issues {title, body, labels}: 201.
    private (int, object) CreateIssue(FakeRepository repo, string body)
    {
        var json = ParseBody(body);
        var issue = new FakeIssue { Number = repo.NextNumber++, Title = json["title"]!.GetValue<string>(), Body = json["body"]?.GetValue<string>() };
        issue.Labels.AddRange(json["labels"]?.AsArray().Select(l => l!.GetValue<string>()) ?? []);
        lock (repo.IssueList)
        {
            repo.IssueList.Add(issue);
        }

        return (201, IssueJson(repo, issue));
    }

    // PATCH /issues/{n} {title, body, state}.
    private (int, object) UpdateIssue(FakeRepository repo, string number, string body)
    {
        var issue = repo.Issues.FirstOrDefault(i => i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == number);
        if (issue is null)
        {
            return (404, NotFound);
        }

        var json = ParseBody(body);
        issue.Title = json["title"]?.GetValue<string>() ?? issue.Title;
        issue.Body = json["body"]?.GetValue<string>() ?? issue.Body;
        issue.State = json["state"]?.GetValue<string>() ?? issue.State;
        issue.Edits++;
        return (200, IssueJson(repo, issue));
    }

    private JsonNode IssueJson(FakeRepository repo, FakeIssue issue) => new JsonObject
    {
        ["id"] = 9000 + issue.Number,
        ["node_id"] = $"I_{issue.Number}",
        ["number"] = issue.Number,
        ["title"] = issue.Title,
        ["body"] = issue.Body,
        ["state"] = issue.State,
        ["url"] = ApiUrl(repo, "issues/" + issue.Number),
        ["html_url"] = $"{BaseUri}{repo.Owner}/{repo.Name}/issues/{issue.Number}",
        ["user"] = new JsonObject { ["login"] = "token-user", ["id"] = 1 },
        ["labels"] = new JsonArray([.. issue.Labels.Select(l => JsonSerializer.SerializeToNode(LabelJson(l), Json))]),
        ["comments"] = 0,
    };
}
