using SparkOptimizer.Testing.Kubernetes;

namespace SparkOptimizer.Tests.Support;

/// <summary>The RBAC grant (API group, resource with subresource, verb) a request recorded by the fake API server needs.</summary>
internal static class RbacGrant
{
    public static (string Group, string Resource, string Verb) Of(RecordedRequest request)
    {
        var path = ApiPath.Parse(request.Path)!;
        var resource = path.Subresource is null ? path.Plural : $"{path.Plural}/{path.Subresource}";
        var verb = request.Method switch
        {
            "GET" when request.IsWatch => "watch",
            "GET" when path.Name is null => "list",
            "GET" => "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        return (path.Group, resource, verb);
    }
}
