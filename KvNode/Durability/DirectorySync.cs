using System.Runtime.InteropServices;

namespace GridAspire.KvNode.Durability;

/// <summary>
/// Flushes a directory's entries (a created or renamed file) to the disk. .NET has no API for it; on Linux and
/// macOS it is open(2) + fsync(2) of the directory. Elsewhere (Windows) renames are journaled by the file system.
/// </summary>
internal static partial class DirectorySync
{
    /// <summary>Makes file creations and renames in <paramref name="directory"/> durable.</summary>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Could not open {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"Could not flush {directory} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
