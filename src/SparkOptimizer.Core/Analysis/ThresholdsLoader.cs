using YamlDotNet.RepresentationModel;

namespace SparkOptimizer.Analysis;

/// <summary>Reads threshold overrides from YAML: `name: [low, moderate, severe, critical]`.</summary>
public static class ThresholdsLoader
{
    public static Thresholds Load(string file)
    {
        var levels = new Dictionary<string, double[]>(ThresholdDefaults.All, StringComparer.Ordinal);
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            yaml.Load(reader);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new Thresholds(levels);
        }

        foreach (var (key, value) in root.Children)
        {
            if (value is YamlSequenceNode seq && seq.Children.Count == 4)
            {
                levels[((YamlScalarNode)key).Value!] = seq.Children.Select(c => double.Parse(((YamlScalarNode)c).Value!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            }
        }

        return new Thresholds(levels);
    }
}
