namespace GridAspire.Balancer.LoadBalancing;

/// <summary>The power a request asks for, read from its body before routing (a request feature).</summary>
/// <param name="Kw">Requested maximum power, in kW.</param>
public sealed record ChargeDemand(double Kw);
