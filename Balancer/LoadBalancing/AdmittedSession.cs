namespace GridAspire.Balancer.LoadBalancing;

/// <summary>A session this balancer placed: when, how much power, and when the substation expects it to end.</summary>
/// <param name="At">When it was admitted (the balancer's timestamp).</param>
/// <param name="Kw">Its power.</param>
/// <param name="EndsAt">Its expected end (the balancer's timestamp); <see cref="long.MaxValue"/> when unknown.</param>
internal sealed record AdmittedSession(long At, double Kw, long EndsAt);
