namespace GridAspire.KvNode.Tests.Causality;

/// <summary>
/// Generates a causally valid set of broadcast writes: at each step a node either writes (ticks its entry) or
/// learns everything another node had seen, which is how causal pasts grow in a real cluster.
/// </summary>
internal static class CausalHistory
{
    public static List<TestMessage> Generate(int nodes, int steps, Random random)
    {
        var ids = Enumerable.Range(1, nodes).Select(i => $"n{i}").ToArray();
        var clocks = ids.ToDictionary(id => id, _ => VectorClock.Empty);
        var messages = new List<TestMessage>();
        for (var step = 0; step < steps; step++)
        {
            var node = ids[random.Next(nodes)];
            if (random.Next(3) == 0)
            {
                var other = ids[random.Next(nodes)];
                clocks[node] = clocks[node].Merge(clocks[other]);
            }
            else
            {
                clocks[node] = clocks[node].With(node, clocks[node][node] + 1);
                messages.Add(new TestMessage(node, clocks[node]));
            }
        }

        return messages;
    }
}
