namespace GridAspire.KvNode.Chaos.History;

/// <summary>What a client operation does.</summary>
public enum OpKind
{
    /// <summary>GET /kv/{key}.</summary>
    Read,

    /// <summary>PUT /kv/{key} with a value unique to the whole run.</summary>
    Write,

    /// <summary>DELETE /kv/{key}.</summary>
    Delete,
}
