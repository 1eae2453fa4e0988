using System.Net;
using System.Net.Sockets;

namespace GridAspire.TestSupport;

/// <summary>
/// Hands out loopback ports that servers bind later, when others must know them in advance. Ports come from
/// below Linux's ephemeral range (32768+), so the kernel never gives them to outgoing connections, and from one
/// counter per test process, so parallel tests never pick the same one; each is checked free before use.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static int _next = First + (Environment.ProcessId * 97 % (Last - First - 2_000));

    /// <summary>A free port on <paramref name="address"/> (127.0.0.1 by default).</summary>
    public static int Next(IPAddress? address = null)
    {
        while (true)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > Last)
            {
                throw new InvalidOperationException("Ran out of test ports.");
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
}
