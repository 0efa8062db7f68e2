using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SparkOptimizer.Testing.Mcp;

/// <summary>The SDK's own client over Streamable HTTP, as an assistant registered with an `http` MCP server connects.</summary>
public static class McpHttpClient
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Connects to the MCP endpoint of a server (its base address plus /mcp) and completes the initialize handshake.</summary>
    public static async Task<McpClient> ConnectAsync(Uri endpoint)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Name = "spark-optimizer-http",
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await McpClient.CreateAsync(transport, cancellationToken: timeout.Token).ConfigureAwait(false);
    }

    public static async Task<CallToolResult> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var timeout = new CancellationTokenSource(Timeout);
        return await client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token).ConfigureAwait(false);
    }

    public static string Text(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
    }

    /// <summary>A successful call's JSON; throws with the tool's message when the call was an error.</summary>
    public static async Task<JsonElement> CallJsonAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await CallAsync(client, tool, arguments).ConfigureAwait(false);
        var text = Text(result);
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{tool} failed: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
