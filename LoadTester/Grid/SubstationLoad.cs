namespace GridAspire.LoadTester.Grid;

/// <summary>One substation's power drawn and capacity at one instant, as the substation itself reported them.</summary>
public sealed record SubstationLoad(string Name, double LoadKw, double CapacityKw)
{
    /// <summary>Power drawn over capacity.</summary>
    public double Utilisation => CapacityKw > 0 ? LoadKw / CapacityKw : 0;
}
