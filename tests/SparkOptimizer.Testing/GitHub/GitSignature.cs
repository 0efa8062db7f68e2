using System.Globalization;

namespace SparkOptimizer.Testing.GitHub;

/// <summary>Who and when, as git records it.</summary>
public sealed record GitSignature(string Name, string Email, DateTimeOffset Date)
{
    /// <summary>Parses git's "Name &lt;email&gt; 1700000000 +0000".</summary>
    public static GitSignature Parse(string text)
    {
        var lt = text.IndexOf('<', StringComparison.Ordinal);
        var gt = text.IndexOf('>', StringComparison.Ordinal);
        var rest = text[(gt + 1)..].Trim().Split(' ');
        return new GitSignature(text[..lt].Trim(), text[(lt + 1)..gt], DateTimeOffset.FromUnixTimeSeconds(long.Parse(rest[0], CultureInfo.InvariantCulture)));
    }
}
