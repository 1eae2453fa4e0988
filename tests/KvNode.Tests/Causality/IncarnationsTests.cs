using GridAspire.KvNode.Causality;

namespace GridAspire.KvNode.Tests.Causality;

public sealed class IncarnationsTests
{
    private static readonly HashSet<string> Members = ["kv1", "kv2", "kv3"];

    [Theory]
    [InlineData("kv1", "kv1", 1)]
    [InlineData("kv1.2", "kv1", 2)]
    [InlineData("kv1.17", "kv1", 17)]
    [InlineData("kv1.1", "kv1", 0)] // incarnation 1 is spelt without a number: one spelling per entry
    [InlineData("kv1.0", "kv1", 0)]
    [InlineData("kv1.02", "kv1", 0)]
    [InlineData("kv1.", "kv1", 0)]
    [InlineData("kv1.x", "kv1", 0)]
    [InlineData("kv1.2.3", "kv1", 0)]
    [InlineData("kv1.-2", "kv1", 0)]
    [InlineData("kv1.9999999999", "kv1", 0)]
    public void An_entry_names_its_node_and_incarnation_and_malformed_numbers_are_zero(string entry, string member, int number)
    {
        Assert.Equal(member, Incarnations.MemberOf(entry));
        Assert.Equal(number, Incarnations.NumberOf(entry));
        Assert.Equal(number > 0, Incarnations.IsEntryOf(entry, Members));
        Assert.Equal(number > 1, Incarnations.ReplacesLostDisk(entry));
    }

    [Fact]
    public void Entries_are_spelt_one_way_and_the_highest_incarnation_in_a_clock_is_found()
    {
        Assert.Equal("kv1", Incarnations.Entry("kv1", 1));
        Assert.Equal("kv1.3", Incarnations.Entry("kv1", 3));
        Assert.False(Incarnations.IsEntryOf("kv4.2", Members));
        var clock = VectorClock.From([KeyValuePair.Create("kv1", 5L), KeyValuePair.Create("kv1.3", 1L), KeyValuePair.Create("kv2", 2L)]);
        Assert.Equal(3, Incarnations.HighestIn(clock, "kv1"));
        Assert.Equal(1, Incarnations.HighestIn(clock, "kv2"));
        Assert.Equal(0, Incarnations.HighestIn(clock, "kv3"));
    }
}
