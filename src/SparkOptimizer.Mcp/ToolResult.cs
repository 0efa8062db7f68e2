using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace SparkOptimizer.Mcp;

/// <summary>
/// Runs a tool body: its JSON becomes the result; an input problem (<see cref="McpException"/>) becomes a tool error with
/// just its message, so neither the assistant nor the server's log sees a stack trace for a wrong path or id.
/// Anything else is a bug and is left to the SDK, which answers with a generic error and logs it on standard error.
/// </summary>
public static class ToolResult
{
    public static CallToolResult Run(Func<string> body)
    {
        try
        {
            return new CallToolResult { Content = [new TextContentBlock { Text = body() }] };
        }
        catch (McpException ex)
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = ex.Message }] };
        }
    }
}
