using System.Runtime.InteropServices;

namespace SparkOptimizer.Ingest;

/// <summary>
/// What a path is once its links are followed. Only regular files are read: opening a FIFO blocks until someone writes,
/// and a device such as /dev/urandom never ends. .NET has no public call for a file's type, so this asks stat(2).
/// </summary>
public static class FileKind
{
    private const int S_IFMT = 0xF000;
    private const int S_IFREG = 0x8000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFIFO = 0x1000;
    private const int S_IFCHR = 0x2000;
    private const int S_IFBLK = 0x6000;
    private const int S_IFSOCK = 0xC000;
    private const int ENOENT = 2;
    private const int ELOOP = 40;

    /// <summary>Null for a regular file or a folder; otherwise why the path is not read ("a FIFO", "a dangling symbolic link", ...).</summary>
    public static string? NotReadable(string path)
    {
        if (!OperatingSystem.IsLinux() || ModeOffset() is not { } offset)
        {
            return null;
        }

        var buffer = new byte[256];
        if (Stat(path, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno switch
            {
                ENOENT when new FileInfo(path).LinkTarget is not null => "a dangling symbolic link",
                ENOENT => "gone (removed while the folder was read)",
                ELOOP => "a symbolic link loop",
                _ => $"not accessible (errno {errno})",
            };
        }

        return (BitConverter.ToUInt32(buffer, offset) & S_IFMT) switch
        {
            S_IFREG or S_IFDIR => null,
            S_IFIFO => "a FIFO (named pipe)",
            S_IFCHR => "a character device",
            S_IFBLK => "a block device",
            S_IFSOCK => "a socket",
            _ => "not a regular file",
        };
    }

    // st_mode's place in glibc's struct stat: after st_dev, st_ino, st_nlink on x86-64; after st_dev, st_ino on arm64.
    private static int? ModeOffset() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 24,
        Architecture.Arm64 => 16,
        _ => null,
    };

    private static int Stat(string path, byte[] buffer)
    {
        try
        {
            return stat(path, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.33 exports stat only as __xstat (version 1 on x86-64, 0 on arm64).
            return __xstat(RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 0, path, buffer);
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code in the whole project for two blittable calls.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int __xstat(int version, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);
}
