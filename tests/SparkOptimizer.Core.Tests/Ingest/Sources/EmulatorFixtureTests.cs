using System.Diagnostics;
using System.Net.Sockets;
using SparkOptimizer.Testing.Emulators;

namespace SparkOptimizer.Tests.Ingest.Sources;

public sealed class EmulatorFixtureTests
{
    [Fact]
    public void S3rverFixture_StartsNodeOnLoopbackAndStopsThatVeryProcess()
    {
        int pid, port;
        string data;
        using (var s3 = new S3rverFixture())
        {
            pid = s3.ProcessId;
            port = new Uri(s3.ServiceUrl).Port;
            data = s3.DataFolder;
            Process.GetProcessById(pid).ProcessName.Should().Be("node", "the PID recorded is the server's, not a shell wrapper's");
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            client.Connected.Should().BeTrue();
        }

        var exited = () => Process.GetProcessById(pid).HasExited;
        exited.Should().Throw<ArgumentException>("the process is gone once the fixture is disposed");
        Directory.Exists(data).Should().BeFalse("its temporary data folder is removed");
    }
}
