using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Startup;
using SparkOptimizer.Testing;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Startup;

/// <summary>A setting that stops the start ends the operator's process with one line naming it and the fix.</summary>
public sealed class StartupErrorsTests
{
    [Fact]
    public void Describe_BinderRefusesAFloatForAnInteger_NamesTheKeyAndTheFix()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:Jobs:SizeThresholdBytes"] = "2.68435456e+08" }).Build();
        var bind = () => config.GetSection(EngineOptions.Section).Get<EngineOptions>();

        var line = StartupErrors.Describe(bind.Should().Throw<InvalidOperationException>().Which);

        line.Should().Be("error: Engine:Jobs:SizeThresholdBytes: '2.68435456e+08' is not a valid Int64. Fix: set Engine:Jobs:SizeThresholdBytes (environment variable Engine__Jobs__SizeThresholdBytes) to a whole number written out in digits (268435456, not 2.68435456e+08)");
    }

    [Fact]
    public void Operator_KubeconfigVariableNamesMissingFiles_ExitsWithOneLineNamingIt()
    {
        using var home = new TempDir();

        var (exit, stderr) = RunOperator(home, ("KUBECONFIG", "/nonexistent/kubeconfig"));

        exit.Should().Be(1);
        stderr.Trim().Should().Be("error: KUBECONFIG: none of its files exists (/nonexistent/kubeconfig). Fix: set KUBECONFIG to your kubeconfig file(s), separated by ':', or unset it to use ~/.kube/config");
    }

    [Fact]
    public void Operator_IntegerSettingAsFloat_ExitsWithOneLineNamingIt()
    {
        using var home = new TempDir();

        var (exit, stderr) = RunOperator(home, ("Engine__Jobs__SizeThresholdBytes", "2.68435456e+08"));

        exit.Should().Be(1);
        stderr.Trim().Should().StartWith("error: Engine:Jobs:SizeThresholdBytes: '2.68435456e+08' is not a valid Int64. Fix:");
        stderr.Trim().Split('\n').Should().ContainSingle("one line, no stack trace");
    }

    [Fact]
    public void Operator_PostgresWithoutConnectionString_ExitsWithOneLineNamingTheVariable()
    {
        using var home = new TempDir();
        using var api = new TempDir();
        var kubeconfig = KubeconfigFile.Write(api.File("config"), "http://127.0.0.1:1");

        var (exit, stderr) = RunOperator(home, ("KUBECONFIG", kubeconfig), ("Engine__History__Provider", "postgres"));

        exit.Should().Be(1);
        stderr.Trim().Should().StartWith($"error: {HistoryOptions.ConnectionStringVariable}: Engine:History:Provider is postgres but {HistoryOptions.ConnectionStringVariable} is not set. Fix:");
        stderr.Should().NotContain("   at ");
    }

    private static (int Exit, string Stderr) RunOperator(TempDir home, params (string Name, string Value)[] environment)
    {
        var start = OperatorBinary.StartInfo();
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Operator__", StringComparison.Ordinal) || k.StartsWith("Engine__", StringComparison.Ordinal) || k is "KUBECONFIG" or "KUBERNETES_SERVICE_HOST").ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = home.Path;
        start.Environment["Engine__History__Provider"] = "none";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the operator did not stop within 60 s on a wrong setting");
        }

        return (process.ExitCode, stderr.Result);
    }
}
