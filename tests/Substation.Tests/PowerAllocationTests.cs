using CsCheck;
using GridAspire.Substation.Charging;

namespace GridAspire.Substation.Tests;

/// <summary>The allocation rule's promises, checked on many random substations (CsCheck shrinks any counterexample).</summary>
public sealed class PowerAllocationTests
{
    private const double Tolerance = 1e-6;

    // A substation whose promised minimums fit: capacity is their sum plus some headroom (often less than wanted).
    private static readonly Gen<(double Capacity, PowerDemand[] Demands)> Substations =
        Gen.Select(
            Gen.Select(Gen.Double[0, 20], Gen.Double[0, 200], Gen.Bool)
                .Select((min, extra, priority) => new PowerDemand(min, min + extra, priority))
                .Array[0, 40],
            Gen.Double[0, 2_000])
        .Select((demands, headroom) => (demands.Sum(d => d.MinKw) + headroom, demands));

    [Fact]
    public void Never_above_capacity_never_below_a_minimum_never_above_a_vehicles_maximum() =>
        Substations.Sample((capacity, demands) =>
        {
            var kw = PowerAllocation.Allocate(capacity, demands);
            return kw.Sum() <= capacity + 1e-9
                && kw.Select((p, i) => p >= demands[i].MinKw - 1e-9 && p <= demands[i].MaxKw + 1e-9).All(ok => ok);
        });

    [Fact]
    public void Capacity_is_left_unused_only_when_every_vehicle_is_at_its_maximum() =>
        Substations.Sample((capacity, demands) =>
        {
            var kw = PowerAllocation.Allocate(capacity, demands);
            return kw.Sum() >= capacity - Tolerance || kw.Select((p, i) => p >= demands[i].MaxKw - Tolerance).All(full => full);
        });

    [Fact]
    public void A_standard_session_gets_more_than_its_minimum_only_when_every_priority_session_is_at_its_maximum() =>
        Substations.Sample((capacity, demands) =>
        {
            var kw = PowerAllocation.Allocate(capacity, demands);
            var standardAboveMinimum = kw.Where((p, i) => !demands[i].Priority && p > demands[i].MinKw + Tolerance).Any();
            var priorityFull = kw.Where((p, i) => demands[i].Priority).Select((p, _) => p)
                .Zip(demands.Where(d => d.Priority)).All(x => x.First >= x.Second.MaxKw - Tolerance);
            return !standardAboveMinimum || priorityFull;
        });

    [Fact]
    public void Within_a_class_nobody_below_its_maximum_gets_less_than_another_above_its_minimum() =>
        Substations.Sample((capacity, demands) =>
        {
            var kw = PowerAllocation.Allocate(capacity, demands);
            for (var i = 0; i < kw.Length; i++)
            {
                for (var j = 0; j < kw.Length; j++)
                {
                    var sameClass = demands[i].Priority == demands[j].Priority;
                    if (sameClass && kw[i] < demands[i].MaxKw - Tolerance && kw[j] > demands[j].MinKw + Tolerance && kw[j] > kw[i] + Tolerance)
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Fact]
    public void An_example_by_hand()
    {
        // 100 kW: a priority 50 kW vehicle, and three standard vehicles (22, 11, 50 kW) with 5 kW minimums.
        var kw = PowerAllocation.Allocate(100, [new(5, 50, true), new(5, 22, false), new(5, 11, false), new(5, 50, false)]);

        Assert.Equal([50, 19.5, 11, 19.5], kw.Select(p => Math.Round(p, 6)));
    }

    [Fact]
    public void Fixed_power_is_the_special_case_where_the_minimum_is_the_maximum()
    {
        var kw = PowerAllocation.Allocate(100, [new(22, 22, false), new(50, 50, false)]);

        Assert.Equal([22.0, 50.0], kw);
    }
}
