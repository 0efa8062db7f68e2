namespace SparkOptimizer.Operator.Rbac;

/// <summary>Where a permission is granted.</summary>
public enum PermissionScope
{
    /// <summary>A ClusterRole, or a Role in each watched namespace when namespaces are listed.</summary>
    WatchedNamespaces,

    /// <summary>A Role in the operator's own namespace (the leader-election Lease).</summary>
    OperatorNamespace,

    /// <summary>A ClusterRole whatever the watched namespaces: cluster-scoped kinds (Nodes).</summary>
    Cluster,
}
