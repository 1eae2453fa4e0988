using System.Net;
using System.Net.Sockets;

namespace GridAspire.KvNode.Tests.Integration;

/// <summary>
/// Hands out loopback ports that nodes bind later, when their peers must know them in advance. Ports come from
/// below Linux's ephemeral range (32768+), so the kernel never gives them to outgoing connections, and from one
/// counter per test process, so parallel tests never pick the same one; each is checked free before use.
/// </summary>
internal static class LoopbackPorts
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static int _next = First + (Environment.ProcessId * 97 % (Last - First - 2_000));

    public static int Next()
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
                using var probe = new TcpListener(IPAddress.Loopback, port);
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
