using static GridAspire.Contracts.Charging.ChargingLimits;

namespace GridAspire.Substation.Charging;

/// <summary>Limits on a charging request (<see cref="GridAspire.Contracts.Charging.ChargingLimits"/>, which the public API applies too).</summary>
public static class SessionValidation
{
    /// <summary>Field errors of <paramref name="request"/>; empty when it is acceptable.</summary>
    public static Dictionary<string, string[]> Errors(SessionRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.VehicleId) || request.VehicleId.Length > 64)
        {
            errors["vehicleId"] = ["vehicleId is required (1-64 characters)."];
        }

        if (request?.RequestedKwh is not (> 0 and <= MaxKwh))
        {
            errors["requestedKwh"] = [$"requestedKwh must be more than 0 and at most {MaxKwh}."];
        }

        if (request?.MaxKw is not (> 0 and <= MaxKw))
        {
            errors["maxKw"] = [$"maxKw must be more than 0 and at most {MaxKw}."];
        }
        else if (request.RequestedKwh is > 0 and <= MaxKwh && request.RequestedKwh / request.MaxKw > MaxSessionHours)
        {
            errors["maxKw"] = [$"at {request.MaxKw} kW, {request.RequestedKwh} kWh would take more than {MaxSessionHours} hours."];
        }

        if (request?.MinKw is { } min && !(min > 0 && min <= MaxKw && (request.MaxKw is not { } max || min <= max)))
        {
            errors["minKw"] = [$"minKw must be more than 0 and at most maxKw."];
        }

        if (request?.Priority is { } priority && priority is not (SessionPriority.Standard or SessionPriority.Priority))
        {
            errors["priority"] = [$"priority must be '{SessionPriority.Standard}' or '{SessionPriority.Priority}'."];
        }

        return errors;
    }
}
