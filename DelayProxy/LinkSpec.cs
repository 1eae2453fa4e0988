using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace GridAspire.DelayProxy;

/// <summary>
/// One link as the command line names it: <c>name=listen&gt;target@oneWayMs[~jitterMs]</c>, e.g.
/// <c>kv1-kv2=127.0.0.1:7512&gt;127.0.0.1:7302@20~2</c> (listen on 7512, forward to 7302, 20 ms each way, up to 2 ms jitter).
/// </summary>
/// <param name="Name">The link's name (the admin API's key).</param>
/// <param name="Listen">Where it listens.</param>
/// <param name="Target">Where it forwards (a host name is resolved when a connection opens).</param>
/// <param name="Delay">Its delay.</param>
public sealed partial record LinkSpec(string Name, IPEndPoint Listen, EndPoint Target, LinkDelay Delay)
{
    /// <summary>Parses <paramref name="text"/>; null and an error when it is not a link.</summary>
    public static LinkSpec? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var match = Pattern().Match(text);
        if (!match.Success || !IPEndPoint.TryParse(match.Groups["listen"].Value, out var listen))
        {
            error = $"'{text}' is not name=listenIp:port>targetHost:port@oneWayMs[~jitterMs]";
            return null;
        }

        var target = match.Groups["target"].Value;
        EndPoint to = IPEndPoint.TryParse(target, out var ip) ? ip
            : target.LastIndexOf(':') is > 0 and var colon && int.TryParse(target[(colon + 1)..], CultureInfo.InvariantCulture, out var port)
                ? new DnsEndPoint(target[..colon], port)
                : null!;
        if (to is null)
        {
            error = $"'{target}' is not host:port";
            return null;
        }

        var oneWay = double.Parse(match.Groups["delay"].Value, CultureInfo.InvariantCulture);
        var jitter = match.Groups["jitter"].Success ? double.Parse(match.Groups["jitter"].Value, CultureInfo.InvariantCulture) : 0;
        return new LinkSpec(match.Groups["name"].Value, listen, to, LinkDelay.Milliseconds(oneWay, jitter));
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9_.-]{1,64})=(?<listen>[^>]+)>(?<target>[^@]+)@(?<delay>\d+(\.\d+)?)(~(?<jitter>\d+(\.\d+)?))?$")]
    private static partial Regex Pattern();
}
