using System.Text;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Publishing;

/// <summary>The one commit we write per proposal, and the trailer that marks it as ours.</summary>
public static class CommitMessage
{
    public static string Build(ManifestChangeSet changeSet, IReadOnlyList<AppliedEdit> edits)
    {
        var app = changeSet.App;
        var sb = new StringBuilder()
            .Append("Tune ").Append(app.Kind).Append(' ').Append(app.Namespace).Append('/').Append(app.Name).Append("\n\n");
        foreach (var edit in edits)
        {
            sb.Append("- ").Append(edit.Field).Append(": ").Append(edit.From ?? "(unset)").Append(" -> ").Append(edit.To.Length == 0 ? "(removed)" : edit.To).Append('\n');
        }

        return sb.Append('\n').Append(PublishingDefaults.FingerprintTrailer).Append(": ").Append(changeSet.Fingerprint).Append('\n').ToString();
    }

    /// <summary>The fingerprint from our trailer, or null when the message has none (not our commit).</summary>
    public static string? Fingerprint(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var prefix = PublishingDefaults.FingerprintTrailer + ": ";
        return message.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
    }
}
