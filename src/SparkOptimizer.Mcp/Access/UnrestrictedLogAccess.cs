namespace SparkOptimizer.Mcp.Access;

/// <summary>Any path or URI: the stdio server runs on the user's machine as the user, so it reads what the user can.</summary>
public sealed class UnrestrictedLogAccess : ILogAccessPolicy
{
    public static UnrestrictedLogAccess Instance { get; } = new();

    private UnrestrictedLogAccess()
    {
    }

    public string Scope => "any local path or URI that this machine's user can read";

    public bool Allows(string location, out string reason)
    {
        reason = string.Empty;
        return true;
    }
}
