using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Tests.Image;

/// <summary>
/// Plays a Dockerfile stage without a Docker engine: an empty folder stands for the image's filesystem, each COPY puts
/// exactly the files it names there (the build context minus .dockerignore), and each RUN runs there with container paths
/// mapped into the folder. A COPY source that is not in the context fails, as `docker build` does.
/// </summary>
public sealed class DockerBuildContext(string contextRoot, string imageRoot)
{
    private readonly IReadOnlyList<Regex> _ignored = ReadIgnore(Path.Combine(contextRoot, ".dockerignore"));

    public string ImageRoot { get; } = imageRoot;

    /// <summary>The folder standing for <paramref name="containerPath"/> (absolute in the image).</summary>
    public string Map(string containerPath) => Path.Combine(ImageRoot, containerPath.TrimStart('/'));

    public void Copy(DockerStep.Copy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var destination = copy.Destination.StartsWith('/') ? copy.Destination : $"{copy.WorkDir.TrimEnd('/')}/{copy.Destination}";
        var toFolder = destination.EndsWith('/') || copy.Sources.Count > 1;
        foreach (var source in copy.Sources)
        {
            var full = Path.Combine(contextRoot, source.TrimEnd('/'));
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(contextRoot, file).Replace('\\', '/');
                    if (!IsIgnored(relative))
                    {
                        Place(file, Path.Combine(Map(destination), Path.GetRelativePath(full, file)));
                    }
                }
            }
            else if (File.Exists(full) && !IsIgnored(source))
            {
                Place(full, toFolder ? Path.Combine(Map(destination), Path.GetFileName(full)) : Map(destination));
            }
            else
            {
                throw new FileNotFoundException($"COPY {source}: not in the build context {contextRoot} (or excluded by .dockerignore); docker build would fail here", full);
            }
        }
    }

    /// <summary>Runs a RUN line with sh in the mapped WORKDIR; absolute container paths in it are mapped too.</summary>
    public (int Exit, string Output, TimeSpan Took) Run(DockerStep.Run run, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(run);
        var command = Regex.Replace(run.Command, @"(?<=\s)/(?=[A-Za-z])", ImageRoot.TrimEnd('/') + "/");
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = Map(run.WorkDir), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        // the test host's MSBuild settings must not leak into the child build; no build servers may outlive it
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"RUN {run.Command} did not finish within {timeout}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result, clock.Elapsed);
    }

    private static void Place(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    private bool IsIgnored(string relative)
    {
        // a pattern excludes a path when it matches the path or one of the folders above it
        var segments = relative.Split('/');
        for (var i = 1; i <= segments.Length; i++)
        {
            var prefix = string.Join('/', segments[..i]);
            if (_ignored.Any(r => r.IsMatch(prefix)))
            {
                return true;
            }
        }

        return false;
    }

    private static List<Regex> ReadIgnore(string path) =>
        !File.Exists(path)
            ? []
            : File.ReadAllLines(path)
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => new Regex("^" + Regex.Escape(l.TrimEnd('/').TrimStart('/'))
                    .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                    .Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant))
                .ToList();
}
