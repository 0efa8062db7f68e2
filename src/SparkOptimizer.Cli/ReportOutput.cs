using System.Text.Json;
using System.Text.Json.Nodes;
using SparkOptimizer.Model;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Cli;

/// <summary>Renders reports in the chosen format to a file or standard output, with the inputs that could not be read.</summary>
public static class ReportOutput
{
    public static void Write(IReadOnlyList<RunReport> reports, IReadOnlyList<IngestWarning> inputWarnings, IReadOnlyList<FailedInput> failed, OutputFormat format, FileInfo? output, TextWriter stdout)
    {
        if (format == OutputFormat.Json)
        {
            using var buffer = new MemoryStream();
            JsonReportWriter.Write(buffer, reports, inputWarnings);
            var json = failed.Count == 0 ? buffer.ToArray() : WithFailedInputs(buffer.ToArray(), failed);
            if (output is not null)
            {
                File.WriteAllBytes(output.FullName, json);
                return;
            }

            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(json));
            return;
        }

        var text = string.Join(
            format == OutputFormat.Markdown ? "\n\n---\n\n" : "\n\n",
            reports.Select(r => format == OutputFormat.Markdown ? MarkdownReportWriter.Write(r) : TextReportWriter.Write(r)));
        if (failed.Count > 0)
        {
            text += format == OutputFormat.Markdown ? FailedInputsMarkdown(failed) : FailedInputsText(failed);
        }

        if (output is not null)
        {
            File.WriteAllText(output.FullName, text + "\n");
        }
        else
        {
            stdout.WriteLine(text);
        }
    }

    /// <summary>Adds `failedInputs` to the top-level object (docs/json-report.md): present only when an input failed.</summary>
    private static byte[] WithFailedInputs(byte[] json, IReadOnlyList<FailedInput> failed)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var list = new JsonArray();
        foreach (var f in failed)
        {
            list.Add(new JsonObject { ["input"] = f.Input, ["reason"] = f.Reason });
        }

        root["failedInputs"] = list;
        return JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true });
    }

    private static string FailedInputsText(IReadOnlyList<FailedInput> failed) =>
        "\n\nINPUTS THAT COULD NOT BE READ\n=============================\n"
        + string.Join('\n', failed.Select(f => $"- {f.Input}: {f.Reason}"));

    private static string FailedInputsMarkdown(IReadOnlyList<FailedInput> failed) =>
        "\n\n---\n\n## Inputs that could not be read\n\n| input | reason |\n|---|---|\n"
        + string.Join('\n', failed.Select(f => $"| `{f.Input}` | {f.Reason.Replace("|", "\\|", StringComparison.Ordinal)} |"));
}
