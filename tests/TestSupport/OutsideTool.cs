namespace GridAspire.TestSupport;

/// <summary>
/// The one rule for tests that need a program beyond the .NET SDK (Chromium, Prometheus, Node.js, kubectl, Docker): on
/// a machine without it the test is skipped with a reason naming the program and how to get it, so `dotnet test` passes
/// on a machine with only the SDK and says what it left out; with <see cref="RequireVariable"/> set (.ci/run sets it,
/// after installing everything) nothing is skipped and a missing program fails its test.
/// </summary>
public static class OutsideTool
{
    /// <summary>Set to 1 to refuse every skip for a missing program.</summary>
    public const string RequireVariable = "GRIDASPIRE_REQUIRE_TOOLS";

    /// <summary>True when missing programs fail their tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>
    /// The skip reason for a test that needs <paramref name="tool"/>, or null when it runs: it is <paramref name="present"/>,
    /// or <see cref="Required"/>.
    /// </summary>
    public static string? SkipReason(string tool, string howToGet, bool present) => SkipReason(tool, howToGet, present, Required);

    /// <summary>The rule itself, with <paramref name="required"/> given rather than read from the environment.</summary>
    public static string? SkipReason(string tool, string howToGet, bool present, bool required) =>
        present || required ? null : $"needs {tool}, not found here: {howToGet} (.ci/run installs it and sets {RequireVariable}=1, which refuses this skip)";
}
