using System.Text.RegularExpressions;

namespace SparkOptimizer.Tests.Image;

/// <summary>The repository's Dockerfile read as the builder reads it: stages with their base image, WORKDIR, COPY and RUN.</summary>
public sealed partial record Dockerfile(IReadOnlyList<DockerStage> Stages)
{
    public static Dockerfile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stages = new List<DockerStage>();
        foreach (var line in Logical(text))
        {
            var (instruction, rest) = Split(line);
            switch (instruction)
            {
                case "FROM":
                    var from = FromLine().Match(rest);
                    stages.Add(new DockerStage(from.Groups["image"].Value, from.Groups["name"].Success ? from.Groups["name"].Value : null, "/", []));
                    break;
                case "WORKDIR":
                    stages[^1] = stages[^1] with { WorkDir = rest.Trim() };
                    break;
                case "COPY" when !rest.TrimStart().StartsWith("--from", StringComparison.Ordinal):
                    var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    stages[^1].Steps.Add(new DockerStep.Copy(parts[..^1], parts[^1], stages[^1].WorkDir));
                    break;
                case "RUN":
                    stages[^1].Steps.Add(new DockerStep.Run(rest.Trim(), stages[^1].WorkDir));
                    break;
            }
        }

        return new Dockerfile(stages);
    }

    /// <summary>Joins continuation lines and drops comments.</summary>
    private static IEnumerable<string> Logical(string text)
    {
        var current = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            if (current.Trim().Length > 0)
            {
                yield return current.Trim();
            }

            current = string.Empty;
        }
    }

    private static (string Instruction, string Arguments) Split(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (line.ToUpperInvariant(), string.Empty) : (line[..space].ToUpperInvariant(), line[(space + 1)..]);
    }

    [GeneratedRegex(@"^(?<image>\S+)(\s+AS\s+(?<name>\S+))?", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();
}

/// <summary>One stage: its base image, name and the steps that run in it.</summary>
public sealed record DockerStage(string Image, string? Name, string WorkDir, List<DockerStep> Steps);

/// <summary>A COPY from the build context or a RUN, with the WORKDIR it runs in.</summary>
public abstract record DockerStep(string WorkDir)
{
    public sealed record Copy(IReadOnlyList<string> Sources, string Destination, string WorkDir) : DockerStep(WorkDir);

    public sealed record Run(string Command, string WorkDir) : DockerStep(WorkDir);
}
