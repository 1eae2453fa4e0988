namespace GridAspire.DelayProxy;

/// <summary>A link as the admin API shows it (and the body of a change: the fields given are changed).</summary>
/// <param name="Name">The link's name.</param>
/// <param name="Listen">Where it listens.</param>
/// <param name="Target">Where it forwards.</param>
/// <param name="OneWayMs">Delay each way, milliseconds.</param>
/// <param name="JitterMs">Jitter, milliseconds.</param>
/// <param name="Cut">True while the link is cut.</param>
/// <param name="Connections">Connections open through it.</param>
public sealed record LinkView(string Name, string Listen, string Target, double OneWayMs, double JitterMs, bool Cut, int Connections)
{
    /// <summary>The view of <paramref name="link"/>.</summary>
    public static LinkView Of(DelayLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new(link.Name, link.Listening.ToString(), link.Target.ToString()!, link.Delay.OneWay.TotalMilliseconds, link.Delay.Jitter.TotalMilliseconds, link.Cut, link.Connections);
    }
}

/// <summary>Body of <c>PUT /links/{name}</c>: what to change.</summary>
/// <param name="OneWayMs">New delay each way, milliseconds.</param>
/// <param name="JitterMs">New jitter, milliseconds.</param>
/// <param name="Cut">Cut (true) or heal (false) the link.</param>
public sealed record LinkChange(double? OneWayMs = null, double? JitterMs = null, bool? Cut = null);
