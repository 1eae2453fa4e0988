using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GridAspire.TestSupport;

/// <summary>
/// Hands out loopback ports that servers bind later, when others must know them in advance. Ports come from
/// below Linux's ephemeral range (32768+), so the kernel never gives them to outgoing connections, and from one
/// counter per test process, so parallel tests in one process never pick the same one. Test processes run side by
/// side (one per test project) and a port is free from its pick until its server binds it, often a second later in a
/// child process: so each port is also claimed for the machine with a file named after it, which other test
/// processes respect while the claimant lives. Each is checked free before use.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly string Claims = Path.Combine(Path.GetTempPath(), "gridaspire-test-ports");
    private static int _next = First + (Environment.ProcessId * 97 % (Last - First - 2_000));

    /// <summary>A free port on <paramref name="address"/> (127.0.0.1 by default).</summary>
    public static int Next(IPAddress? address = null)
    {
        Directory.CreateDirectory(Claims);
        while (true)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > Last)
            {
                Interlocked.CompareExchange(ref _next, First, port); // wrap: claims of exited processes are taken over
                continue;
            }

            if (!Claim(port))
            {
                continue; // another test process's
            }

            try
            {
                using var probe = new TcpListener(address ?? IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use by something else on the machine: take the next one.
            }
        }
    }

    // True when this process now holds the claim on the port: it made the file, or it took over one left by a process
    // that has exited.
    private static bool Claim(int port)
    {
        var path = Path.Combine(Claims, port.ToString(CultureInfo.InvariantCulture));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                // No owner yet: its claimant is between creating and writing the file.
                if (Owner(path) is not { } owner || owner == Environment.ProcessId || IsAlive(owner))
                {
                    return false;
                }

                TryDelete(path); // stale: its process is gone; whoever creates the file next owns it
            }
        }

        return false;
    }

    private static int? Owner(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Someone else took it over first.
        }
    }
}
