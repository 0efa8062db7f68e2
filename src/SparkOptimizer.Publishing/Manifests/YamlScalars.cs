using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace SparkOptimizer.Publishing.Manifests;

/// <summary>How plain scalars resolve, and how to write a value so that it resolves as intended.</summary>
internal static partial class YamlScalars
{
    public const string NullTag = "null";
    public const string BoolTag = "bool";
    public const string IntTag = "int";
    public const string FloatTag = "float";
    public const string StrTag = "str";

    /// <summary>
    /// The type a plain scalar resolves to. YAML 1.2 core schema, plus YAML 1.1's yes/no/on/off as booleans, because
    /// Kubernetes tooling built on go-yaml v2 still reads them that way: treating them as non-strings is the safe side.
    /// </summary>
    public static string ResolvePlain(string value) => value switch
    {
        "" or "~" or "null" or "Null" or "NULL" => NullTag,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => BoolTag,
        "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "y" or "Y" or "n" or "N" => BoolTag,
        _ when IntPattern().IsMatch(value) => IntTag,
        _ when FloatPattern().IsMatch(value) => FloatTag,
        _ => StrTag,
    };

    /// <summary>The resolved type of a scalar node: its explicit tag, else quoted means string, else plain resolution.</summary>
    public static string Resolve(SourceNode scalar)
    {
        if (scalar.Tag is { } tag)
        {
            return tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? tag["tag:yaml.org,2002:".Length..] : tag;
        }

        return scalar.ScalarStyle == ScalarStyle.Plain ? ResolvePlain(scalar.Value) : StrTag;
    }

    /// <summary>The tag a new value of <paramref name="type"/> must resolve to.</summary>
    public static string ExpectedTag(FieldType type, string value) => type switch
    {
        FieldType.Integer => IntTag,
        FieldType.Boolean => BoolTag,
        FieldType.Quantity => ResolvePlain(value) is IntTag or FloatTag ? ResolvePlain(value) : StrTag,
        _ => StrTag,
    };

    /// <summary>True when <paramref name="value"/> may not be written plain (in block or flow context) and still mean the same string.</summary>
    public static bool NeedsQuotes(string value)
    {
        if (value.Length == 0 || value != value.Trim())
        {
            return true;
        }

        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal))
        {
            return true;
        }

        return value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':')
            || value.IndexOfAny([',', '[', ']', '{', '}']) >= 0 || value.Any(char.IsControl);
    }

    /// <summary>Writes <paramref name="value"/> in the given style, falling back to double quotes when the style cannot hold it.</summary>
    public static string Format(string value, ScalarStyle style, FieldType type)
    {
        switch (style)
        {
            case ScalarStyle.SingleQuoted when !value.Any(char.IsControl):
                return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
            case ScalarStyle.SingleQuoted:
            case ScalarStyle.DoubleQuoted:
                return DoubleQuote(value);
            default:
                var needsString = type is FieldType.String || (type is FieldType.Quantity && ExpectedTag(type, value) == StrTag);
                if (NeedsQuotes(value) || (needsString && ResolvePlain(value) != StrTag))
                {
                    return DoubleQuote(value);
                }

                return value;
        }
    }

    public static string DoubleQuote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                '\r' => sb.Append("\\r"),
                _ when char.IsControl(c) => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Checks that a new value fits its field before any text is touched.</summary>
    public static void Validate(string key, string value, FieldType type)
    {
        var ok = type switch
        {
            FieldType.Integer => IntPattern().IsMatch(value),
            FieldType.Boolean => value is "true" or "false",
            _ => !value.Contains('\n', StringComparison.Ordinal),
        };
        if (!ok)
        {
            throw new ManifestEditException($"Value '{value}' for '{key}' is not a valid {type.ToString().ToLowerInvariant()}.");
        }
    }

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
