using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Operator.Mcp;

/// <summary>
/// What an MCP caller may make the operator read: exactly what it reads for the runs it watches, by the same
/// <see cref="EventLogSourcePolicy"/> over the same Engine settings (object-store schemes, the History Server, the mounted
/// local roots). The roots' real paths are added so that links are judged by where they really lead.
/// </summary>
public sealed class OperatorLogAccess(EventLogSourcePolicy policy, string scope) : ILogAccessPolicy
{
    public string Scope => scope;

    public static OperatorLogAccess From(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roots = options.LocalEventLogRoots.Count == 0 ? "no local paths" : "local paths under " + string.Join(", ", options.LocalEventLogRoots);
        var schemes = string.Join(", ", options.EventLogSchemes.Select(s => s + "://"));
        var historyServer = string.IsNullOrEmpty(options.HistoryServerUrl) ? string.Empty : $", and the History Server {options.HistoryServerUrl}";
        return new OperatorLogAccess(
            new EventLogSourcePolicy(options.EventLogSchemes, options.HistoryServerUrl, RealPath.WithTargets(options.LocalEventLogRoots)),
            $"{roots}; object-store URIs {schemes}{historyServer}");
    }

    public bool Allows(string location, out string reason) => policy.Allows(location, out reason);
}
