namespace GridAspire.LoadTester.Statistics;

/// <summary>One substation in one second, as the vehicle figures need it.</summary>
/// <param name="CapacityKw">Power it can deliver.</param>
/// <param name="Vehicles">Vehicles charging there.</param>
/// <param name="Throttled">Vehicles there drawing less than their maximum.</param>
public readonly record struct SubstationSample(double CapacityKw, int Vehicles, int Throttled);
