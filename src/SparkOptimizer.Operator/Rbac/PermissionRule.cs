namespace SparkOptimizer.Operator.Rbac;

/// <summary>One RBAC grant: verbs on a resource of an API group, in the watched namespaces or the Lease's namespace.</summary>
public sealed record PermissionRule(string Group, string Resource, IReadOnlyList<string> Verbs, PermissionScope Scope = PermissionScope.WatchedNamespaces)
{
    public IEnumerable<(string Group, string Resource, string Verb)> Grants => Verbs.Select(v => (Group, Resource, v));
}

public enum PermissionScope
{
    /// <summary>A ClusterRole, or a Role in each watched namespace when namespaces are listed.</summary>
    WatchedNamespaces,

    /// <summary>A Role in the operator's own namespace (the leader-election Lease).</summary>
    OperatorNamespace,
}
