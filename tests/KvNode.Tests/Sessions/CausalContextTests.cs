using GridAspire.KvNode.Sessions;

namespace GridAspire.KvNode.Tests.Sessions;

public sealed class CausalContextTests
{
    private static readonly HashSet<string> Members = ["kv1", "kv2", "kv3"];

    [Fact]
    public void A_token_round_trips_its_clock()
    {
        var clock = VectorClock.From([KeyValuePair.Create("kv1", 3L), KeyValuePair.Create("kv3", 1L)]);

        var decoded = CausalContext.TryDecode(CausalContext.Encode(clock), Members, out var error);

        Assert.Null(error);
        Assert.Equal(clock, decoded);
    }

    [Theory]
    [InlineData("kv1", 1L)]
    [InlineData("node-with-dashes_and.dots", long.MaxValue)]
    [InlineData("ünïcode", 5L)] // written by the serializer, not by hand
    [InlineData("quote\"", 5L)]
    public void The_hand_written_token_is_the_serializers_token(string node, long counter)
    {
        var clock = VectorClock.From([KeyValuePair.Create(node, counter), KeyValuePair.Create("kv2", 7L)]);
        var expected = "v1." + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(clock));

        Assert.Equal(expected, CausalContext.Encode(clock));
        Assert.Equal("v1.e30", CausalContext.Encode(VectorClock.Empty)); // {}
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("v1.!!!")]
    [InlineData("v1.eyJrdjEiOi0xfQ")] // {"kv1":-1}
    [InlineData("v1.eyJrdjkiOjF9")] // {"kv9":1}: not a member
    [InlineData("v1.WzFd")] // [1]
    [InlineData("v1.bnVsbA")] // null
    public void Bad_tokens_are_refused_with_a_reason(string token)
    {
        var decoded = CausalContext.TryDecode(token, Members, out var error);

        Assert.Null(decoded);
        Assert.NotNull(error);
    }
}
