using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace SparkOptimizer.Analysis;

/// <summary>
/// Reads threshold overrides from YAML: `name: [low, moderate, severe, critical]` for a scale, `name: value` for a floor or target.
/// Unknown names are an error, so a typo cannot silently leave a default in force.
/// </summary>
public static class ThresholdsLoader
{
    public static Thresholds Load(string file)
    {
        using var reader = new StreamReader(file);
        return Parse(reader, file);
    }

    public static Thresholds Parse(TextReader reader, string source = "thresholds")
    {
        var levels = new Dictionary<string, double[]>(ThresholdDefaults.All, StringComparer.Ordinal);
        var values = new Dictionary<string, double>(ThresholdDefaults.Values, StringComparer.Ordinal);
        var yaml = new YamlStream();
        yaml.Load(reader);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new Thresholds(levels) { Values = values };
        }

        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (ThresholdDefaults.All.ContainsKey(key))
            {
                if (value is not YamlSequenceNode seq || seq.Children.Count != 4)
                {
                    throw new FormatException($"{source}: '{key}' needs four levels: [low, moderate, severe, critical].");
                }

                levels[key] = seq.Children.Select(c => Number(c, key, source)).ToArray();
            }
            else if (ThresholdDefaults.Values.ContainsKey(key))
            {
                values[key] = Number(value, key, source);
            }
            else
            {
                throw new FormatException($"{source}: unknown threshold '{key}'.");
            }
        }

        return new Thresholds(levels) { Values = values };
    }

    private static double Number(YamlNode node, string key, string source) =>
        node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{source}: '{key}' must be a number.");
}
