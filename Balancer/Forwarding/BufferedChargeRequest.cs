using System.Buffers;
using System.Text.Json;
using GridAspire.Balancer.LoadBalancing;

namespace GridAspire.Balancer.Forwarding;

/// <summary>
/// A charging request's body, read once into a pooled buffer: the power it asks for is read from it, and every
/// attempt forwards it again from the start. Small by nature (a few hundred bytes); anything over the limit is refused.
/// </summary>
internal sealed class BufferedChargeRequest : IDisposable
{
    private static readonly byte[] MaxKwName = "maxKw"u8.ToArray();
    private static readonly byte[] MinKwName = "minKw"u8.ToArray();
    private readonly byte[] _buffer;
    private readonly MemoryStream _body;

    private BufferedChargeRequest(byte[] buffer, int length, double kw, double? minKw)
    {
        _buffer = buffer;
        _body = new MemoryStream(buffer, 0, length, writable: false);
        Kw = kw;
        MinKw = minKw;
    }

    /// <summary>The power the request asks for (<c>maxKw</c>), or the fallback when the body does not say.</summary>
    public double Kw { get; }

    /// <summary>The minimum the request names (<c>minKw</c>), when it names a plausible one.</summary>
    public double? MinKw { get; }

    /// <summary>What the request asks of a substation.</summary>
    public ChargeDemand Demand => new(Kw, MinKw);

    /// <summary>
    /// Reads the body of <paramref name="context"/>'s request and puts a rewindable copy in its place. Null when the
    /// body is longer than <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<BufferedChargeRequest?> ReadAsync(HttpContext context, int maxBytes, double fallbackKw)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(context.Request.ContentLength ?? 1024, 1, maxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length > maxBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }

        var json = buffer.AsSpan(0, length);
        var request = new BufferedChargeRequest(buffer, length, ReadNumber(json, MaxKwName) ?? fallbackKw, ReadNumber(json, MinKwName));
        context.Request.Body = request._body;
        return request;
    }

    /// <summary>Sets the body back to its start for the next attempt.</summary>
    public void Rewind() => _body.Position = 0;

    /// <inheritdoc/>
    public void Dispose()
    {
        _body.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    // A top-level number, when it is a positive finite one. Anything else is the substation's to refuse (400).
    private static double? ReadNumber(ReadOnlySpan<byte> json, byte[] name)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isWanted = reader.ValueTextEquals(name);
                reader.Read();
                if (isWanted)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var kw) && kw > 0 && double.IsFinite(kw) ? kw : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed: the substation answers 400.
        }

        return null;
    }
}
