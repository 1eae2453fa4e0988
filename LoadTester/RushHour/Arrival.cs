namespace GridAspire.LoadTester.RushHour;

/// <summary>One vehicle arriving: when (from the start) and what it asks for.</summary>
public sealed record Arrival(TimeSpan At, string VehicleId, double RequestedKwh, double MaxKw);
