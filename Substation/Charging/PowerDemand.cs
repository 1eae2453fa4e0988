namespace GridAspire.Substation.Charging;

/// <summary>One session's claim on the substation's power.</summary>
/// <param name="MinKw">The least it may be given while it charges (promised at admission).</param>
/// <param name="MaxKw">The most the vehicle accepts.</param>
/// <param name="Priority">True for a priority session, served before standard ones.</param>
public readonly record struct PowerDemand(double MinKw, double MaxKw, bool Priority);
