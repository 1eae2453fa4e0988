namespace GridAspire.LoadTester.Grid;

/// <summary>One substation at one instant, as the substation itself reported it.</summary>
/// <param name="Name">The substation.</param>
/// <param name="LoadKw">Power drawn.</param>
/// <param name="CapacityKw">Power it can deliver.</param>
/// <param name="Vehicles">Vehicles charging.</param>
/// <param name="Throttled">Vehicles drawing less than their maximum because the power is shared.</param>
public sealed record SubstationLoad(string Name, double LoadKw, double CapacityKw, int Vehicles, int Throttled)
{
    /// <summary>Power drawn over capacity.</summary>
    public double Utilisation => CapacityKw > 0 ? LoadKw / CapacityKw : 0;
}
