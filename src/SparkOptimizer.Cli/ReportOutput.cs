using SparkOptimizer.Model;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Cli;

/// <summary>Renders reports in the chosen format to a file or standard output.</summary>
public static class ReportOutput
{
    public static void Write(IReadOnlyList<RunReport> reports, IReadOnlyList<IngestWarning> inputWarnings, OutputFormat format, FileInfo? output, TextWriter stdout)
    {
        if (format == OutputFormat.Json)
        {
            if (output is not null)
            {
                using var file = output.Create();
                JsonReportWriter.Write(file, reports, inputWarnings);
                return;
            }

            using var buffer = new MemoryStream();
            JsonReportWriter.Write(buffer, reports, inputWarnings);
            stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return;
        }

        var text = string.Join(
            format == OutputFormat.Markdown ? "\n\n---\n\n" : "\n\n",
            reports.Select(r => format == OutputFormat.Markdown ? MarkdownReportWriter.Write(r) : TextReportWriter.Write(r)));
        if (output is not null)
        {
            File.WriteAllText(output.FullName, text + "\n");
        }
        else
        {
            stdout.WriteLine(text);
        }
    }
}
