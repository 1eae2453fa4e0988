using System.Diagnostics.Metrics;
using GridAspire.KvClient.Client;
using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Tests.Integration;

public sealed class BufferedResendTests
{
    [Fact]
    public async Task Writes_a_peer_holds_in_its_buffer_are_not_sent_again_while_newer_ones_flow()
    {
        // A long resend interval: within it, a write sent twice can only come from re-sending what the peer buffered.
        await using var cluster = await KvCluster.StartAsync(3, new Dictionary<string, string?>
        {
            ["Kv:Replication:ResendInterval"] = "00:00:30",
            ["Kv:Replication:BatchInterval"] = "00:00:00",
        });
        var kv2 = cluster["kv2"];
        var kv3 = cluster["kv3"];
        long duplicatesAtKv3 = 0, resentByKv2 = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if ((instrument.Meter.Scope == kv3.Services.GetRequiredService<IMeterFactory>() && instrument.Name == "kv.duplicates")
                    || (instrument.Meter.Scope == kv2.Services.GetRequiredService<IMeterFactory>() && instrument.Name == "kv.replication.resent"))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, v, _, _) =>
            Interlocked.Add(ref instrument.Name == "kv.duplicates" ? ref duplicatesAtKv3 : ref resentByKv2, v));
        meters.Start();

        await cluster["kv1"].HoldAsync("kv3");
        using var http = new HttpClient();
        var session = new KvSession(http);
        await session.PutAsync(cluster["kv1"].Address, "x", "1");
        KvResult last = null!;
        for (var i = 0; i < 5; i++)
        {
            // Each depends on x, which kv3 cannot have: kv3 buffers it, and kv2 goes on with the next one alone.
            last = await session.PutAsync(kv2.Address, $"y{i}", $"{i}");
            var held = i + 1;
            await Signals.UntilAsync(kv3.Node.Received, () => kv3.Node.Snapshot().Buffered.Count == held, $"kv3 holds {held} of kv2's writes");
        }

        Assert.Equal(0, Interlocked.Read(ref resentByKv2));
        await cluster["kv1"].ReleaseAsync("kv3");
        await cluster.WaitForAllAsync(VectorClock.From(last.Item!.Clock));

        Assert.Equal(0, Interlocked.Read(ref duplicatesAtKv3));
        Assert.Equal(0, Interlocked.Read(ref resentByKv2));
        Assert.Equal("4", (await kv3.Node.ReadAsync("y4"))?.Value);
    }
}
