using static GridAspire.Contracts.ChargingLimits;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>
/// The public API's rules for a charging request (the limits are <see cref="GridAspire.Contracts.ChargingLimits"/>, which
/// the substations apply too); errors are keyed by field for a 400 validation problem.
/// </summary>
public static class ChargeValidation
{
    /// <summary>Field errors; empty when the request is acceptable.</summary>
    public static Dictionary<string, string[]> Errors(ChargeRequestBody? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body?.VehicleId))
        {
            errors["vehicleId"] = ["vehicleId is required."];
        }
        else if (body.VehicleId.Length > 64)
        {
            errors["vehicleId"] = ["vehicleId must be at most 64 characters."];
        }

        if (body?.RequestedKwh is not { } kwh || !double.IsFinite(kwh) || kwh <= 0)
        {
            errors["requestedKwh"] = ["requestedKwh must be a positive number of kWh."];
        }
        else if (kwh > MaxKwh)
        {
            errors["requestedKwh"] = [$"requestedKwh of {kwh} is not plausible for a vehicle (at most {MaxKwh})."];
        }

        if (body?.MaxKw is not { } kw || !double.IsFinite(kw) || kw <= 0)
        {
            errors["maxKw"] = ["maxKw must be a positive number of kW."];
        }
        else if (kw > MaxKw)
        {
            errors["maxKw"] = [$"maxKw of {kw} is not plausible for a vehicle (at most {MaxKw})."];
        }
        else if (body.RequestedKwh is > 0 and <= MaxKwh && body.RequestedKwh / kw > MaxSessionHours)
        {
            errors["maxKw"] = [$"at {kw} kW, {body.RequestedKwh} kWh would take more than {MaxSessionHours} hours."];
        }

        return errors;
    }
}
