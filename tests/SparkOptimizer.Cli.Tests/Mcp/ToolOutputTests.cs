using System.Text.Json.Nodes;
using SparkOptimizer.Mcp;

namespace SparkOptimizer.Tests.Mcp;

public sealed class ToolOutputTests
{
    [Fact]
    public void Serialize_AnswerOverTheBound_CutsTheListAndFixesThePage()
    {
        var items = Enumerable.Range(0, 100).Select(i => new string('x', 500) + i).ToList();
        var root = ToolOutput.Envelope("test");
        root["findings"] = ToolOutput.Page(items, 10, 80, s => JsonValue.Create(s));

        var text = ToolOutput.Serialize(root, "findings.items");

        text.Length.Should().BeLessThanOrEqualTo(McpDefaults.MaxOutputChars);
        var page = JsonNode.Parse(text)!["findings"]!;
        var returned = page["returned"]!.GetValue<int>();
        returned.Should().BeLessThan(80).And.Be(page["items"]!.AsArray().Count);
        page["nextOffset"]!.GetValue<int>().Should().Be(10 + returned);
        JsonNode.Parse(text)!["truncated"]!.GetValue<string>().Should().Contain("findings.items");
    }

    [Fact]
    public void Serialize_SmallAnswer_IsVersionedAndUntouched()
    {
        var root = ToolOutput.Envelope("test");
        root["findings"] = ToolOutput.Page(new[] { "a", "b", "c" }, 0, 2, s => JsonValue.Create(s));

        var json = JsonNode.Parse(ToolOutput.Serialize(root, "findings.items"))!;

        json["schemaVersion"]!.GetValue<int>().Should().Be(1);
        json["findings"]!["nextOffset"]!.GetValue<int>().Should().Be(2);
        json["truncated"].Should().BeNull();
    }
}
