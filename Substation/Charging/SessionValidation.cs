namespace GridAspire.Substation.Charging;

/// <summary>Limits on a charging request. Shared wording with the public API, which validates the same fields.</summary>
public static class SessionValidation
{
    /// <summary>Largest energy one vehicle may ask for.</summary>
    public const double MaxKwh = 500;

    /// <summary>Highest power one vehicle may draw.</summary>
    public const double MaxKw = 1_000;

    /// <summary>Longest a session may take (simulated hours); beyond it the request is not a plausible vehicle.</summary>
    public const double MaxSessionHours = 1_000;

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

        return errors;
    }
}
