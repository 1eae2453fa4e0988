using System.Globalization;

namespace GridAspire.Deployment.Tests;

/// <summary>The test ports of one test process are never handed out by another that runs beside it.</summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void A_port_another_live_process_claimed_is_skipped_and_a_claim_of_an_exited_process_is_taken_over()
    {
        var claims = Path.Combine(Path.GetTempPath(), "gridaspire-test-ports");
        var first = LoopbackPorts.Next();
        for (var port = first + 1; port <= first + 20; port++)
        {
            // Process 1 (init) lives as long as the machine: its claims must be respected.
            File.WriteAllText(Path.Combine(claims, port.ToString(CultureInfo.InvariantCulture)), "1");
        }

        var stale = Path.Combine(claims, (first + 21).ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(stale, int.MaxValue.ToString(CultureInfo.InvariantCulture)); // no such process

        try
        {
            var next = LoopbackPorts.Next();

            Assert.True(next > first + 20, $"got {next}, claimed by another process");
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(claims, next.ToString(CultureInfo.InvariantCulture))));
        }
        finally
        {
            for (var port = first + 1; port <= first + 21; port++)
            {
                File.Delete(Path.Combine(claims, port.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }
}
