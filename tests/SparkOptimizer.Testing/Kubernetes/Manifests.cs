using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>
/// Kubernetes manifests as the API server stores them: YAML documents converted to JSON with YAML 1.2 core-schema
/// typing (plain 1 is a number, "1" stays a string, true/false/null as such).
/// </summary>
public static class Manifests
{
    /// <summary>The documents of a YAML file (the examples in tests/fixtures/k8s).</summary>
    public static IReadOnlyList<JsonObject> LoadYaml(string path) => ParseYaml(File.ReadAllText(path));

    /// <summary>The documents of YAML text (empty documents are skipped).</summary>
    public static IReadOnlyList<JsonObject> ParseYaml(string text)
    {
        using var reader = new StringReader(text);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonObject>().ToList();
    }

    /// <summary>A manifest from the Kubeflow or Apache examples in tests/fixtures/k8s, e.g. ("spark-operator", "spark-pi.yaml").</summary>
    public static JsonObject SharedExample(string operatorFolder, string file) =>
        LoadYaml(Path.Combine(Fixtures.K8s, operatorFolder, "examples", file))[0];

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null")
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Any(char.IsDigit) && !text.Contains(':'))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }
}
