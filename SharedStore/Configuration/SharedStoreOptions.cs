using System.ComponentModel.DataAnnotations;

namespace GridAspire.SharedStore.Configuration;

/// <summary>The shared store (section <c>SharedStore</c>): where Garnet listens and the password clients present.</summary>
public sealed record SharedStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SharedStore";

    /// <summary>Address Garnet listens on: loopback locally, every interface in a container.</summary>
    [Required]
    [RegularExpression(@"^[0-9a-fA-F:.]+$", ErrorMessage = "SharedStore:Bind must be an IP address.")]
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>The Redis-protocol port.</summary>
    [Range(1, 65535)]
    public int Port { get; init; } = 6380;

    /// <summary>The password clients must present (AUTH); at least 16 characters. Never logged.</summary>
    [Required]
    [MinLength(16)]
    public string Password { get; init; } = "";
}
