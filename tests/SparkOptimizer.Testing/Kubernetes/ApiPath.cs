namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>
/// A parsed API path: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{sub}]]</c> or
/// <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}[/{sub}]]</c>.
/// </summary>
public sealed record ApiPath(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    public static ApiPath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var tail = segments[rest..];
        string? ns = null;
        if (tail.Length >= 3 && tail[0] == "namespaces")
        {
            ns = tail[1];
            tail = tail[2..];
        }

        return tail.Length switch
        {
            1 => new ApiPath(group, version, ns, tail[0], null, null),
            2 => new ApiPath(group, version, ns, tail[0], tail[1], null),
            3 => new ApiPath(group, version, ns, tail[0], tail[1], tail[2]),
            _ => null,
        };
    }
}
