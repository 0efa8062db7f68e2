using System.Diagnostics;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Access;

/// <summary>
/// RealPath must say where the kernel really goes: each case lays out links (a '..' inside a link's target applies to the
/// folder the link's earlier components lead to, not to the text) and compares the answer with coreutils' realpath.
/// </summary>
public sealed class RealPathCoreutilsTests
{
    public static TheoryData<string> Cases => new() { "reviewer", "nested-relative", "absolute-back-inside", "chain", "dotdot-in-the-path", "missing-last" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_LinksWithDotDot_AgreesWithCoreutilsRealpath(string layout)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDir();
        var path = Lay(dir, layout);

        RealPath.Of(path).Should().Be(Coreutils(path), $"layout {layout}: {path}");
    }

    [Fact]
    public void Of_ReviewersLinkThroughAFolderLinkAndDotDot_IsOutsideTheServedFolder()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDir();
        var path = Lay(dir, "reviewer");
        var served = new FolderLogAccess([dir.File("data/logs")]);

        RealPath.Of(path).Should().Be(dir.File("outside/logs/f"));
        LogConfinement.RealPathAllowed(path, served, out var reason).Should().BeFalse();
        reason.Should().Contain("leads outside");
    }

    [Fact]
    public void Of_LoopThroughDotDot_ThrowsInsteadOfSpinning()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("d"));
        File.CreateSymbolicLink(dir.File("d/loop"), "../d/loop");

        var resolve = () => RealPath.Of(dir.File("d/loop/x"));

        resolve.Should().Throw<IOException>().WithMessage("*too many levels of symbolic links*");
    }

    /// <summary>Builds one layout under the folder and returns the path to ask about.</summary>
    private static string Lay(TempDir dir, string layout)
    {
        var logs = dir.File("data/logs");
        Directory.CreateDirectory(logs);
        switch (layout)
        {
            case "reviewer":
                // data/logs/sub -> outside/x/y; data/logs/a -> sub/../../logs/f: read as text it is data/logs/f, but the kernel
                // climbs from outside/x/y and opens outside/logs/f
                Directory.CreateDirectory(dir.File("outside/x/y"));
                Directory.CreateDirectory(dir.File("outside/logs"));
                File.WriteAllText(dir.File("outside/logs/f"), "outside");
                File.WriteAllText(Path.Combine(logs, "f"), "inside");
                Directory.CreateSymbolicLink(Path.Combine(logs, "sub"), dir.File("outside/x/y"));
                File.CreateSymbolicLink(Path.Combine(logs, "a"), "sub/../../logs/f");
                return Path.Combine(logs, "a");
            case "nested-relative":
                // two relative links, each with '..', the second reached through the first
                Directory.CreateDirectory(dir.File("outside/p/q/r"));
                File.WriteAllText(dir.File("outside/p/f"), "outside");
                Directory.CreateSymbolicLink(Path.Combine(logs, "deep"), "../../outside/p/q/r");
                Directory.CreateSymbolicLink(Path.Combine(logs, "up"), "deep/../..");
                File.CreateSymbolicLink(Path.Combine(logs, "b"), "up/f");
                return Path.Combine(logs, "b");
            case "absolute-back-inside":
                // out and back: an absolute link outside whose target's '..' climbs back into the served folder
                Directory.CreateDirectory(dir.File("outside/z"));
                File.WriteAllText(Path.Combine(logs, "g"), "inside");
                Directory.CreateSymbolicLink(Path.Combine(logs, "away"), dir.File("outside/z"));
                File.CreateSymbolicLink(dir.File("outside/z/home"), logs);
                File.CreateSymbolicLink(Path.Combine(logs, "c"), "away/home/../../data/logs/g");
                return Path.Combine(logs, "c");
            case "chain":
                // a chain of links, each relative to its own folder
                Directory.CreateDirectory(dir.File("outside/m/n"));
                File.WriteAllText(dir.File("outside/m/target"), "outside");
                File.CreateSymbolicLink(dir.File("outside/m/n/hop2"), "../target");
                File.CreateSymbolicLink(Path.Combine(logs, "hop1"), dir.File("outside/m/n/hop2"));
                File.CreateSymbolicLink(Path.Combine(logs, "d"), "./hop1");
                return Path.Combine(logs, "d");
            case "dotdot-in-the-path":
                // the '..' is in the path asked about: it applies after the link before it
                Directory.CreateDirectory(dir.File("outside/k/l"));
                File.WriteAllText(dir.File("outside/k/f"), "outside");
                Directory.CreateSymbolicLink(Path.Combine(logs, "sub"), dir.File("outside/k/l"));
                return Path.Combine(logs, "sub") + "/../f";
            case "missing-last":
                // the last component does not exist: kept as it is, under the real folder
                Directory.CreateDirectory(dir.File("outside/w"));
                Directory.CreateSymbolicLink(Path.Combine(logs, "sub"), "../../outside/w");
                return Path.Combine(logs, "sub", "not-yet");
            default:
                throw new ArgumentOutOfRangeException(nameof(layout), layout, null);
        }
    }

    private static string Coreutils(string path)
    {
        var info = new ProcessStartInfo("realpath") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(path);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start realpath");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, error);
        return output.TrimEnd('\n');
    }
}
