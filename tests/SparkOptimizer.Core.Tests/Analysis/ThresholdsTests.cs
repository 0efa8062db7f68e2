using SparkOptimizer.Analysis;

namespace SparkOptimizer.Tests.Analysis;

public sealed class ThresholdsTests
{
    [Theory]
    [InlineData(1.0, Severity.None)]
    [InlineData(2.0, Severity.Low)]
    [InlineData(5.0, Severity.Moderate)]
    [InlineData(8.0, Severity.Severe)]
    [InlineData(100.0, Severity.Critical)]
    public void Rate_AscendingScale_ReturnsHighestLevelReached(double value, Severity expected)
    {
        SeverityScale.Rate([2, 4, 8, 16], value).Should().Be(expected);
    }

    [Theory]
    [InlineData(0.9, Severity.None)]
    [InlineData(0.6, Severity.Low)]
    [InlineData(0.1, Severity.Critical)]
    public void Rate_DescendingScale_RatesLowValuesAsWorse(double value, Severity expected)
    {
        SeverityScale.Rate([0.7, 0.5, 0.35, 0.2], value).Should().Be(expected);
    }

    [Fact]
    public void Parse_Overrides_ReplaceOnlyTheNamedThresholds()
    {
        var t = ThresholdsLoader.Parse(new StringReader("skew.durationRatio: [3, 6, 12, 24]\nskew.minMaxTaskMs: 1000\n"));

        t["skew.durationRatio"].Should().Equal(3, 6, 12, 24);
        t.Value("skew.minMaxTaskMs").Should().Be(1000);
        t["gc.timeShare"].Should().Equal(ThresholdDefaults.All["gc.timeShare"]);
    }

    [Fact]
    public void Parse_UnknownName_FailsInsteadOfIgnoringIt()
    {
        var act = () => ThresholdsLoader.Parse(new StringReader("skew.durationRatoi: [3, 6, 12, 24]\n"));

        act.Should().Throw<FormatException>().WithMessage("*skew.durationRatoi*");
    }

    [Fact]
    public void Load_ShippedConfigFile_DocumentsEveryDefaultWithItsValue()
    {
        var file = ConfigFile();
        var text = File.ReadAllText(file);
        var loaded = ThresholdsLoader.Load(file);

        foreach (var (name, levels) in ThresholdDefaults.All)
        {
            text.Should().Contain(name + ":");
            loaded[name].Should().Equal(levels, name);
        }

        foreach (var (name, value) in ThresholdDefaults.Values)
        {
            text.Should().Contain(name + ":");
            loaded.Value(name).Should().Be(value, name);
        }
    }

    private static string ConfigFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "thresholds.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("config/thresholds.yaml not found above the test binaries");
    }
}
