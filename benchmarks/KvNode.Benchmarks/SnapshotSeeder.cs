using GridAspire.Contracts.Kv;
using System.Globalization;
using System.Text.Json;
using GridAspire.KvNode.Core;
using GridAspire.KvNode.Durability;

namespace GridAspire.KvNode.Benchmarks;

/// <summary>
/// Writes the data directories of a 3-node cluster that already holds <c>keys</c> writes of kv1 (k1..kN, 100-byte
/// values), every one acknowledged by both peers: what a cluster looks like after N writes, in seconds instead of the
/// minutes it takes to write them. Usage: <c>seed-snapshot &lt;root&gt; &lt;keys&gt;</c>; creates root/kv1..kv3.
/// </summary>
public static class SnapshotSeeder
{
    private static readonly string[] Nodes = ["kv1", "kv2", "kv3"];

    public static int Run(string[] args)
    {
        if (args.Length != 2 || !long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var keys) || keys < 1)
        {
            Console.Error.WriteLine("usage: seed-snapshot <root directory> <keys>");
            return 2;
        }

        var value = new string('v', 100);
        var clock = VectorClock.From([KeyValuePair.Create("kv1", keys)]);
        foreach (var node in Nodes)
        {
            var own = node == "kv1";
            var state = new DurableState(
                clock,
                Lamport: keys,
                OwnWritesBase: own ? keys : 0,
                OwnWrites: [],
                Acked: own ? new Dictionary<string, long> { ["kv2"] = keys, ["kv3"] = keys } : new Dictionary<string, long>(),
                Versions: Versions(keys, value),
                NextSegment: 1);
            var directory = Directory.CreateDirectory(Path.Combine(args[0], node)).FullName;
            using var file = File.Create(Path.Combine(directory, "snapshot.json"));
            JsonSerializer.Serialize(file, state);
            Console.WriteLine($"{directory}: {keys} keys, {file.Length} bytes");
        }

        return 0;
    }

    private static IEnumerable<DurableVersion> Versions(long keys, string value)
    {
        for (long i = 1; i <= keys; i++)
        {
            var clock = VectorClock.From([KeyValuePair.Create("kv1", i)]);
            yield return new DurableVersion(new ReplicatedWrite("kv1", clock, i, $"k{i}", value), SupersededConcurrent: false);
        }
    }
}
