using System.Globalization;
using GridAspire.Contracts.Charging;

namespace GridAspire.Balancer.Forwarding;

/// <summary>The load a substation put on its response, as admission counts it.</summary>
internal static class ReportedLoad
{
    /// <summary>
    /// The minimums promised, where the substation shares its power and says so; else its load; null when it said
    /// neither.
    /// </summary>
    public static double? From(IHeaderDictionary headers) =>
        Number(headers[ChargingHeaders.PromisedKw]) ?? Number(headers[ChargingHeaders.LoadKw]);

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var kw) ? kw : null;
}
