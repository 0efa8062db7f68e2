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
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return Answer(body());
        }
        catch (McpException ex)
        {
            return Error(ex.Message);
        }
    }

    /// <summary>The same for a body that awaits (a run-history store).</summary>
    public static async Task<CallToolResult> RunAsync(Func<Task<string>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return Answer(await body().ConfigureAwait(false));
        }
        catch (McpException ex)
        {
            return Error(ex.Message);
        }
    }

    private static CallToolResult Answer(string json) => new() { Content = [new TextContentBlock { Text = json }] };

    /// <summary>A tool error with just <paramref name="message"/>. Errors are bounded like answers: an echoed input is cut where it is echoed, and the whole message here.</summary>
    public static CallToolResult Error(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new() { IsError = true, Content = [new TextContentBlock { Text = message.Length > McpDefaults.LongText ? message[..McpDefaults.LongText] + "..." : message }] };
    }
}
