using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace GridAspire.Balancer.Forwarding;

/// <summary>How a forward failed, as a fixed reason for the metric label and the log.</summary>
internal static class ForwardFailure
{
    /// <summary>No response headers within the response timeout: the substation is hung, or the path is black-holed.</summary>
    public const string Timeout = "timeout";

    /// <summary>No connection within the connect timeout.</summary>
    public const string ConnectTimeout = "connect_timeout";

    /// <summary>The connection was refused or reset: nothing listens, or it died.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>
    /// The substation refused the request as past the deadline it was given (it came late, or the clocks are further
    /// apart than the substation's tolerance): not admitted, and nothing known about room there.
    /// </summary>
    public const string DeadlinePassed = "deadline_passed";

    /// <summary>Anything else that went wrong between the balancer and the substation.</summary>
    public const string Transport = "transport";

    /// <summary>
    /// The reason for <paramref name="error"/>, or null when it was not the substation's fault (the client gave up) or
    /// it came after the response began (nothing can be retried then).
    /// </summary>
    public static string? Classify(IForwarderErrorFeature? error) => error?.Error switch
    {
        null or ForwarderError.None or ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
            or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient => null,
        ForwarderError.RequestTimedOut => Timeout,
        ForwarderError.Request when Find<SocketException>(error.Exception) is { } socket =>
            socket.SocketErrorCode == SocketError.TimedOut ? ConnectTimeout : Unreachable,
        ForwarderError.Request when Find<TimeoutException>(error.Exception) is not null
            || Find<OperationCanceledException>(error.Exception) is not null => ConnectTimeout,
        _ => Transport,
    };

    /// <summary>True when the forward failed before any of the response was sent to the client, so another substation may be tried.</summary>
    public static bool BeforeResponse(IForwarderErrorFeature error) =>
        error.Error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
