using GridAspire.KvNode.Core;
using GridAspire.KvNode.Replication;

namespace GridAspire.KvNode.Tests.Replication;

public sealed class ReplicationValidatorTests
{
    private static readonly HashSet<string> Members = ["kv1", "kv2", "kv3"];

    private static readonly string[] Categories =
        ["malformed", "unknown_sender", "too_large", "origin_mismatch", "unknown_node", "invalid_counter", "future_counter", "invalid_key_or_value"];

    public static TheoryData<ReplicationBatch?, string> Rejected => new()
    {
        { null, "malformed" },
        { new ReplicationBatch("attacker-chosen-name-1234", []), "unknown_sender" },
        { new ReplicationBatch("kv2", [Write("kv3", ("kv3", 1))]), "origin_mismatch" },
        { new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1), ("made-up-node", 1))]), "unknown_node" },
        { new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1), ("kv3.x", 1))]), "unknown_node" },
        { new ReplicationBatch("kv2", [Write("kv3.2", ("kv3.2", 1))]), "origin_mismatch" },
        { new ReplicationBatch("kv2", [Write("kv2.1", ("kv2.1", 1))]), "origin_mismatch" },
        { new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1), ("kv1", 7))]), "future_counter" },
        { new ReplicationBatch("kv2", [Write("kv2")]), "invalid_counter" },
        { new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1)) with { Key = "" }]), "invalid_key_or_value" },
        { new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1)) with { More = [new KeyChange("x", "twice")] }]), "invalid_key_or_value" },
        { new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1)) with { More = [new KeyChange("", "v")] }]), "invalid_key_or_value" },
        { new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1)) with { More = [new KeyChange(null!, "v")] }]), "invalid_key_or_value" },
        {
            new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1)) with { More = [.. Enumerable.Range(0, KvInput.MaxBatchKeys).Select(i => new KeyChange($"m{i}", "v"))] }]),
            "invalid_key_or_value"
        },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejections_carry_a_fixed_category_whatever_the_sender_wrote(ReplicationBatch? batch, string category)
    {
        var rejection = ReplicationValidator.Validate(batch, "kv1", "kv1", Members, selfDelivered: 0);

        Assert.NotNull(rejection);
        Assert.Equal(category, rejection.Category);
        Assert.Contains(rejection.Category, Categories);
    }

    [Fact]
    public void A_valid_batch_is_accepted()
    {
        Assert.Null(ReplicationValidator.Validate(new ReplicationBatch("kv2", [Write("kv2", ("kv2", 1))]), "kv1", "kv1", Members, 0));
        var multiKey = Write("kv2", ("kv2", 1)) with { More = [new KeyChange("y", "2"), new KeyChange("z", null)] };
        Assert.Null(ReplicationValidator.Validate(new ReplicationBatch("kv2", [multiKey]), "kv1", "kv1", Members, 0));
    }

    [Fact]
    public void Incarnations_of_the_sender_and_of_other_members_are_valid_and_only_the_receivers_current_one_is_counted()
    {
        var fromNewKv2 = Write("kv2.2", ("kv2", 40), ("kv2.2", 1), ("kv1", 9), ("kv1.3", 1));
        Assert.Null(ReplicationValidator.Validate(new ReplicationBatch("kv2", [fromNewKv2]), "kv1", "kv1.3", Members, selfDelivered: 1));
        Assert.Equal("future_counter", ReplicationValidator.Validate(new ReplicationBatch("kv2", [fromNewKv2]), "kv1", "kv1.3", Members, selfDelivered: 0)?.Category);
    }

    private static ReplicatedWrite Write(string origin, params (string Node, long Counter)[] clock) =>
        new(origin, VectorClock.From(clock.Select(c => KeyValuePair.Create(c.Node, c.Counter))), 1, "x", "v");
}
