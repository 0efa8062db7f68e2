using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>
/// A list or watch filter: <c>labelSelector</c> terms <c>k=v</c>, <c>k==v</c>, <c>k!=v</c> and <c>k</c> (exists), and the
/// <c>fieldSelector</c> fields every kind has (<c>metadata.name</c>, <c>metadata.namespace</c>), comma-separated, all must hold.
/// </summary>
public sealed record Selector(IReadOnlyList<(string Path, string Key, string? Value, bool Negated)> Terms)
{
    public static readonly Selector Everything = new([]);

    public static Selector Parse(string? labelSelector, string? fieldSelector)
    {
        var terms = new List<(string, string, string?, bool)>();
        foreach (var (path, text) in new[] { ("label", labelSelector), ("field", fieldSelector) })
        {
            foreach (var term in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var negated = term.Contains("!=", StringComparison.Ordinal);
                var parts = term.Split(negated ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
                if (path == "field" && parts[0] is not ("metadata.name" or "metadata.namespace"))
                {
                    throw new NotSupportedException($"field selector {parts[0]}");
                }

                terms.Add((path, parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : null, negated));
            }
        }

        return terms.Count == 0 ? Everything : new Selector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, key, value, negated) in Terms)
        {
            var actual = path == "field"
                ? obj["metadata"]?[key["metadata.".Length..]]?.GetValue<string>()
                : (obj["metadata"]?["labels"] as JsonObject)?[key]?.GetValue<string>();
            var holds = value is null ? actual is not null : actual == value;
            if (holds == negated)
            {
                return false;
            }
        }

        return true;
    }
}
