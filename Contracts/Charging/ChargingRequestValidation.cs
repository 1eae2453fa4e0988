using static GridAspire.Contracts.Charging.ChargingLimits;

namespace GridAspire.Contracts.Charging;

/// <summary>
/// The rules of a <see cref="ChargingRequest"/>, applied by the public API and again by every substation (which a client
/// inside the cluster could call directly); errors are keyed by field for a 400 validation problem.
/// </summary>
public static class ChargingRequestValidation
{
    /// <summary>Field errors; empty when the request is acceptable.</summary>
    public static Dictionary<string, string[]> Errors(ChargingRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.VehicleId))
        {
            errors["vehicleId"] = ["vehicleId is required."];
        }
        else if (request.VehicleId.Length > MaxVehicleIdLength)
        {
            errors["vehicleId"] = [$"vehicleId must be at most {MaxVehicleIdLength} characters."];
        }
        else if (request.VehicleId.Any(char.IsControl))
        {
            errors["vehicleId"] = ["vehicleId must not contain control characters (such as NUL or a line break)."];
        }

        if (request?.RequestedKwh is not { } kwh)
        {
            errors["requestedKwh"] = ["requestedKwh is required: the energy wanted, in kWh."];
        }
        else if (!(kwh >= MinKwh && kwh <= MaxKwh))
        {
            errors["requestedKwh"] = [$"requestedKwh must be at least {MinKwh} and at most {MaxKwh} kWh."];
        }

        if (request?.MaxKw is not { } kw)
        {
            errors["maxKw"] = ["maxKw is required: the vehicle's highest charging power, in kW."];
        }
        else if (!(kw > 0 && kw <= MaxKw))
        {
            errors["maxKw"] = [$"maxKw must be more than 0 and at most {MaxKw} kW."];
        }
        else if (request.RequestedKwh is >= MinKwh and <= MaxKwh && request.RequestedKwh / kw > MaxSessionHours)
        {
            errors["maxKw"] = [$"at {kw} kW, {request.RequestedKwh} kWh would take more than {MaxSessionHours} hours."];
        }

        if (request?.MinKw is { } min && !(min > 0 && min <= MaxKw && (request.MaxKw is not { } max || min <= max)))
        {
            errors["minKw"] = ["minKw must be more than 0 and at most maxKw."];
        }

        if (!ChargingPriority.IsKnown(request?.Priority))
        {
            errors["priority"] = [$"priority must be '{ChargingPriority.Standard}' or '{ChargingPriority.Priority}'."];
        }

        return errors;
    }
}
