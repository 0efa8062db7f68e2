namespace SparkOptimizer.Operator.Rbac;

/// <summary>One RBAC grant: verbs on a resource of an API group, in the watched namespaces or the Lease's namespace.</summary>
public sealed record PermissionRule(string Group, string Resource, IReadOnlyList<string> Verbs, PermissionScope Scope = PermissionScope.WatchedNamespaces)
{
    public IEnumerable<(string Group, string Resource, string Verb)> Grants => Verbs.Select(v => (Group, Resource, v));
}
