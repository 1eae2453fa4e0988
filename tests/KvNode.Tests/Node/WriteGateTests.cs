using GridAspire.KvNode.Node;

namespace GridAspire.KvNode.Tests.Node;

public sealed class WriteGateTests
{
    [Fact]
    public async Task The_gate_starts_closed_opens_once_ready_and_can_close_again_with_a_reason()
    {
        var gate = new WriteGate();
        Assert.NotNull(gate.Refusal);
        Assert.False(gate.Ready.IsCompleted);
        var changed = gate.Changed.Next;

        gate.Open();

        Assert.Null(gate.Refusal);
        await gate.Ready.WaitAsync(TimeSpan.FromSeconds(1));
        await changed.WaitAsync(TimeSpan.FromSeconds(1));
        gate.Close("lost its data");
        Assert.Equal("lost its data", gate.Refusal);
        Assert.True(gate.Ready.IsCompleted); // ready means "has opened once"; the refusal says what holds now
        Assert.Throws<ArgumentException>(() => gate.Close(""));
    }
}
