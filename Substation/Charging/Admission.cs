namespace GridAspire.Substation.Charging;

/// <summary>The answer to a request to charge.</summary>
/// <param name="Session">The admitted session; null when the substation had no headroom.</param>
/// <param name="LoadKw">Load right after the decision.</param>
/// <param name="CapacityKw">The substation's capacity.</param>
public sealed record Admission(ChargingSession? Session, double LoadKw, double CapacityKw);
