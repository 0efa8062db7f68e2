using System.CommandLine;
using System.CommandLine.Parsing;

namespace SparkOptimizer.Cli;

/// <summary>
/// Finds a token that looks like an option but names none of the command's. System.CommandLine binds such a token to a
/// positional argument (`analyze --bogus-flag` would read a file named `--bogus-flag`), so it is caught here, before the
/// command runs. Arguments after `--` are taken as given: `analyze -- -odd-name` reads the file `-odd-name`.
/// </summary>
public static class UnknownOptions
{
    /// <summary>The usage error for the first unknown option, or null when every option is known.</summary>
    public static string? Find(ParseResult parse)
    {
        var literal = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var afterDoubleDash = false;
        foreach (var token in parse.Tokens)
        {
            if (afterDoubleDash)
            {
                literal.Add(token);
            }
            else if (token.Type == TokenType.DoubleDash)
            {
                afterDoubleDash = true;
            }
        }

        var positional = parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Where(t => !literal.Contains(t))
            .Select(t => t.Value);
        var unknown = positional.Concat(afterDoubleDash ? [] : parse.UnmatchedTokens).FirstOrDefault(LooksLikeOption);
        if (unknown is null)
        {
            return null;
        }

        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        var nearest = KnownOptions(parse.CommandResult).MinBy(o => Distance(unknown, o));
        var help = $"'{path} --help' lists them";
        return nearest is null
            ? $"unknown option '{unknown}' for '{command.Name}'; {help}"
            : Distance(unknown, nearest) <= Math.Max(2, nearest.Length / 3)
                ? $"unknown option '{unknown}' for '{command.Name}'; did you mean '{nearest}'? ({help})"
                : $"unknown option '{unknown}' for '{command.Name}'; the nearest known option is '{nearest}' ({help})";
    }

    private static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-' && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>The long names of the command's options and the recursive ones of its parents (--help).</summary>
    private static IEnumerable<string> KnownOptions(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult cr)
            {
                names.AddRange(cr.Command.Options
                    .Where(o => ReferenceEquals(cr, result) || o.Recursive)
                    .SelectMany(o => o.Aliases.Prepend(o.Name))
                    .Where(n => n.StartsWith("--", StringComparison.Ordinal)));
            }
        }

        return names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult cr)
            {
                names.Insert(0, cr.Parent is null ? "spark-optimizer" : cr.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    /// <summary>Levenshtein distance, case-insensitive: `--Format` is one letter from nothing.</summary>
    internal static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
