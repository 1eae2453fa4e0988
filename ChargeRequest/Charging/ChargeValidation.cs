using static GridAspire.Contracts.Charging.ChargingLimits;

namespace GridAspire.ChargeRequest.Charging;

/// <summary>
/// The public API's rules for a charging request (the limits are <see cref="GridAspire.Contracts.Charging.ChargingLimits"/>, which
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

        if (body?.RequestedKwh is not { } kwh)
        {
            errors["requestedKwh"] = ["requestedKwh is required: the energy wanted, in kWh."];
        }
        else if (!(kwh > 0 && kwh <= MaxKwh))
        {
            errors["requestedKwh"] = [$"requestedKwh must be more than 0 and at most {MaxKwh} kWh."];
        }

        if (body?.MaxKw is not { } kw)
        {
            errors["maxKw"] = ["maxKw is required: the vehicle's highest charging power, in kW."];
        }
        else if (!(kw > 0 && kw <= MaxKw))
        {
            errors["maxKw"] = [$"maxKw must be more than 0 and at most {MaxKw} kW."];
        }
        else if (body.RequestedKwh is > 0 and <= MaxKwh && body.RequestedKwh / kw > MaxSessionHours)
        {
            errors["maxKw"] = [$"at {kw} kW, {body.RequestedKwh} kWh would take more than {MaxSessionHours} hours."];
        }

        if (body?.MinKw is { } min && !(min > 0 && min <= MaxKw && (body.MaxKw is not { } max || min <= max)))
        {
            errors["minKw"] = ["minKw must be more than 0 and at most maxKw."];
        }

        if (body?.Priority is { } priority && priority is not (ChargeRequestBody.StandardValue or ChargeRequestBody.PriorityValue))
        {
            errors["priority"] = [$"priority must be '{ChargeRequestBody.StandardValue}' or '{ChargeRequestBody.PriorityValue}'."];
        }

        return errors;
    }
}
