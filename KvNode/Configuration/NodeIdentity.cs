using System.Security.Cryptography;

namespace GridAspire.KvNode.Configuration;

/// <summary>
/// The id of a node that joins through its listed peers (<see cref="KvOptions.JoinWhenUnlisted"/>): its configured id (a
/// pod's name) plus a suffix made once per data directory and kept in it (<c>node-id</c>). A restart keeps the id; a new
/// volume, or one whose node left (<c>left</c>, written by <c>KvNode leave</c>), makes a new node with a new id, as the
/// cluster never takes an id twice.
/// </summary>
public static class NodeIdentity
{
    /// <summary>The file that keeps the id in the data directory.</summary>
    public const string IdFile = "node-id";

    /// <summary>The file <c>KvNode leave</c> writes once the node has left: what the directory holds is of no use any more.</summary>
    public const string LeftMarker = "left";

    /// <summary>
    /// The id <paramref name="name"/> runs under with <paramref name="dataDir"/>: the kept one, or a new one, kept
    /// (written and fsynced before any use). A directory whose node left is emptied first.
    /// </summary>
    public static string Resolve(string name, string dataDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        Directory.CreateDirectory(dataDir);
        if (File.Exists(Path.Combine(dataDir, LeftMarker)))
        {
            foreach (var entry in new DirectoryInfo(dataDir).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        var file = Path.Combine(dataDir, IdFile);
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } kept)
        {
            return kept;
        }

        var id = $"{name}-{Suffix()}";
        var temporary = file + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(id));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, file, overwrite: true);
        return id;
    }

    // Six characters of [a-z0-9]: an id stays within the 32 a node id may have for any pod name up to 25.
    private static string Suffix() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 6);
}
