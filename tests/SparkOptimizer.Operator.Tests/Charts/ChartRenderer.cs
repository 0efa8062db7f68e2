using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SparkOptimizer.Testing.Kubernetes;
using YamlDotNet.Serialization;

namespace SparkOptimizer.Tests.Charts;

/// <summary>
/// Renders the chart's templates with the subset of Go templates and Sprig that the chart uses (if/else, with,
/// range, define/include, default, quote, squote, toJson, toYaml, nindent, trunc, trimSuffix, not, eq, ne), because no helm binary can be
/// installed here. A construct it does not know fails the test rather than rendering silently wrong.
/// </summary>
public sealed partial class ChartRenderer
{
    private readonly Dictionary<string, List<Node>> defines = [];
    private readonly Dictionary<string, object?> root;
    private readonly string chartDir;

    public ChartRenderer(string chartDir, JsonObject? overrides = null, string releaseNamespace = "spark-optimizer")
    {
        this.chartDir = chartDir;
        var values = Manifests.LoadYaml(Path.Combine(chartDir, "values.yaml"))[0];
        if (overrides is not null)
        {
            values = (JsonObject)JsonMergePatch.Apply(values, overrides)!;
        }

        var chart = Manifests.LoadYaml(Path.Combine(chartDir, "Chart.yaml"))[0];
        root = new Dictionary<string, object?>
        {
            ["Values"] = ToObject(values),
            ["Release"] = new Dictionary<string, object?> { ["Name"] = "rel", ["Namespace"] = releaseNamespace, ["Service"] = "Helm" },
            ["Chart"] = new Dictionary<string, object?>
            {
                ["Name"] = chart["name"]!.GetValue<string>(), ["Version"] = chart["version"]!.ToString(), ["AppVersion"] = chart["appVersion"]!.ToString(),
            },
        };
        foreach (var helper in Directory.GetFiles(Path.Combine(chartDir, "templates"), "*.tpl"))
        {
            Render(Parse(File.ReadAllText(helper)));
        }
    }

    /// <summary>Every YAML document of every template, rendered.</summary>
    public IReadOnlyList<JsonObject> RenderAll() =>
        Directory.GetFiles(Path.Combine(chartDir, "templates"), "*.yaml").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => Manifests.ParseYaml(RenderFile(f)))
            .ToList();

    public string RenderFile(string path) => Render(Parse(File.ReadAllText(path)));

    private string Render(List<Node> nodes) => Render(nodes, new Scope(root, new Dictionary<string, object?>()));

    private string Render(List<Node> nodes, Scope scope)
    {
        var output = new StringBuilder();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case ExprNode expr:
                    output.Append(Stringify(Evaluate(expr.Expression, scope)));
                    break;
                case IfNode branch:
                    output.Append(Render(Truthy(Evaluate(branch.Condition, scope)) ? branch.Then : branch.Else, scope));
                    break;
                case WithNode with:
                    var value = Evaluate(with.Expression, scope);
                    output.Append(Truthy(value) ? Render(with.Body, scope with { Dot = value }) : Render(with.Else, scope));
                    break;
                case RangeNode range:
                    output.Append(RenderRange(range, scope));
                    break;
                case DefineNode define:
                    defines[define.Name] = define.Body;
                    break;
            }
        }

        return output.ToString();
    }

    private string RenderRange(RangeNode range, Scope scope)
    {
        var match = RangeSpec().Match(range.Spec);
        if (!match.Success)
        {
            throw new NotSupportedException($"range {range.Spec}");
        }

        var items = Evaluate(match.Groups["expr"].Value, scope) as List<object?> ?? [];
        var output = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            var vars = new Dictionary<string, object?>(scope.Vars);
            if (match.Groups["index"].Success)
            {
                vars[match.Groups["index"].Value] = (long)i;
            }

            vars[match.Groups["value"].Value] = items[i];
            output.Append(Render(range.Body, new Scope(items[i], vars)));
        }

        return output.ToString();
    }

    private object? Evaluate(string expression, Scope scope)
    {
        object? piped = null;
        var first = true;
        foreach (var command in SplitPipeline(expression))
        {
            var words = Words(command);
            var args = words.Skip(1).Select(w => Term(w, scope)).ToList();
            if (!first)
            {
                args.Add(piped);
            }

            piped = Function(words[0], args, scope, isCall: args.Count > 0 || !first || IsFunction(words[0]));
            first = false;
        }

        return piped;
    }

    private static bool IsFunction(string word) => word is "include" or "default" or "quote" or "squote" or "toJson" or "toYaml" or "nindent" or "indent" or "trunc" or "trimSuffix" or "not" or "eq" or "ne";

    private object? Function(string name, List<object?> args, Scope scope, bool isCall)
    {
        if (!isCall)
        {
            return Term(name, scope);
        }

        return name switch
        {
            "include" => Render(defines[(string)args[0]!], new Scope(args[1], [])),
            "default" => Truthy(args[1]) ? args[1] : args[0],
            "quote" => "\"" + Stringify(args[0]) + "\"",
            "squote" => "'" + Stringify(args[0]) + "'",
            "toJson" => System.Text.Json.JsonSerializer.Serialize(args[0]),
            "toYaml" => new SerializerBuilder().Build().Serialize(args[0]).TrimEnd('\n'),
            "nindent" => "\n" + Indent(Convert.ToInt32(args[0], CultureInfo.InvariantCulture), Stringify(args[1])),
            "indent" => Indent(Convert.ToInt32(args[0], CultureInfo.InvariantCulture), Stringify(args[1])),
            "trunc" => Stringify(args[1]) is var s && s.Length > Convert.ToInt32(args[0], CultureInfo.InvariantCulture) ? s[..Convert.ToInt32(args[0], CultureInfo.InvariantCulture)] : Stringify(args[1]),
            "trimSuffix" => Stringify(args[1]) is var t && t.EndsWith((string)args[0]!, StringComparison.Ordinal) ? t[..^((string)args[0]!).Length] : Stringify(args[1]),
            "not" => !Truthy(args[0]),
            "eq" => Stringify(args[0]) == Stringify(args[1]),
            "ne" => Stringify(args[0]) != Stringify(args[1]),
            _ => throw new NotSupportedException($"template function {name}"),
        };
    }

    private object? Term(string word, Scope scope)
    {
        if (word.StartsWith('"'))
        {
            return word[1..^1];
        }

        if (long.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (word == ".")
        {
            return scope.Dot;
        }

        if (word == "$")
        {
            return root;
        }

        object? current;
        string[] path;
        if (word.StartsWith("$.", StringComparison.Ordinal))
        {
            current = root;
            path = word[2..].Split('.');
        }
        else if (word.StartsWith('$'))
        {
            var parts = word.Split('.');
            current = scope.Vars.TryGetValue(parts[0], out var v) ? v : throw new NotSupportedException($"variable {parts[0]}");
            path = parts[1..];
        }
        else if (word.StartsWith('.'))
        {
            current = scope.Dot;
            path = word[1..].Split('.');
        }
        else
        {
            throw new NotSupportedException($"template term {word}");
        }

        foreach (var key in path)
        {
            current = current is Dictionary<string, object?> map && map.TryGetValue(key, out var next) ? next : null;
        }

        return current;
    }

    private static string Indent(int spaces, string text) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', spaces) + line));

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        List<object?> list => list.Count > 0,
        Dictionary<string, object?> map => map.Count > 0,
        _ => true,
    };

    private static string Stringify(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object? ToObject(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(kv => kv.Key, kv => ToObject(kv.Value)),
        JsonArray array => array.Select(ToObject).ToList(),
        JsonValue value when value.TryGetValue<bool>(out var b) => b,
        JsonValue value when value.TryGetValue<long>(out var l) => l,
        JsonValue value when value.TryGetValue<double>(out var d) => d,
        JsonValue value => value.ToString(),
        _ => null,
    };

    private static List<string> SplitPipeline(string expression)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in expression)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == '|' && !quoted)
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString().Trim());
        return parts;
    }

    private static List<string> Words(string command) => WordPattern().Matches(command).Select(m => m.Value).ToList();

    private static List<Node> Parse(string template)
    {
        var segments = new List<(bool IsAction, string Text)>();
        var position = 0;
        foreach (Match match in ActionPattern().Matches(template))
        {
            var text = template[position..match.Index];
            if (match.Groups["left"].Success && match.Groups["left"].Value == "-")
            {
                text = text.TrimEnd();
            }

            segments.Add((false, text));
            segments.Add((true, match.Groups["body"].Value.Trim()));
            position = match.Index + match.Length;
            if (match.Groups["right"].Value == "-")
            {
                while (position < template.Length && char.IsWhiteSpace(template[position]))
                {
                    position++;
                }
            }
        }

        segments.Add((false, template[position..]));
        var index = 0;
        var nodes = ParseBlock(segments, ref index, out var terminator);
        if (terminator is not null)
        {
            throw new FormatException($"unexpected {{{{ {terminator} }}}}");
        }

        return nodes;
    }

    private static List<Node> ParseBlock(List<(bool IsAction, string Text)> segments, ref int index, out string? terminator)
    {
        var nodes = new List<Node>();
        terminator = null;
        while (index < segments.Count)
        {
            var (isAction, text) = segments[index++];
            if (!isAction)
            {
                nodes.Add(new TextNode(text));
                continue;
            }

            if (text.StartsWith("/*", StringComparison.Ordinal))
            {
                continue;
            }

            if (text is "end" or "else")
            {
                terminator = text;
                return nodes;
            }

            if (text.StartsWith("if ", StringComparison.Ordinal) || text.StartsWith("with ", StringComparison.Ordinal))
            {
                var body = ParseBlock(segments, ref index, out var end);
                var otherwise = new List<Node>();
                if (end == "else")
                {
                    otherwise = ParseBlock(segments, ref index, out end);
                }

                if (end != "end")
                {
                    throw new FormatException($"unterminated {text}");
                }

                nodes.Add(text.StartsWith("if ", StringComparison.Ordinal) ? new IfNode(text[3..], body, otherwise) : new WithNode(text[5..], body, otherwise));
            }
            else if (text.StartsWith("range ", StringComparison.Ordinal))
            {
                var body = ParseBlock(segments, ref index, out var end);
                nodes.Add(end == "end" ? new RangeNode(text[6..], body) : throw new FormatException("range without end"));
            }
            else if (text.StartsWith("define ", StringComparison.Ordinal))
            {
                var body = ParseBlock(segments, ref index, out var end);
                nodes.Add(end == "end" ? new DefineNode(text[7..].Trim().Trim('"'), body) : throw new FormatException("define without end"));
            }
            else
            {
                nodes.Add(new ExprNode(text));
            }
        }

        return nodes;
    }

    [GeneratedRegex(@"\{\{(?<left>-)?\s*(?<body>/\*.*?\*/|.*?)\s*(?<right>-)?\}\}", RegexOptions.Singleline)]
    private static partial Regex ActionPattern();

    [GeneratedRegex(@"""[^""]*""|\S+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^(?:(?<index>\$\w+)\s*,\s*)?(?<value>\$\w+)\s*:=\s*(?<expr>.+)$")]
    private static partial Regex RangeSpec();

    private sealed record Scope(object? Dot, Dictionary<string, object?> Vars);

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record ExprNode(string Expression) : Node;

    private sealed record IfNode(string Condition, List<Node> Then, List<Node> Else) : Node;

    private sealed record WithNode(string Expression, List<Node> Body, List<Node> Else) : Node;

    private sealed record RangeNode(string Spec, List<Node> Body) : Node;

    private sealed record DefineNode(string Name, List<Node> Body) : Node;
}
