namespace GridAspire.Explorer.Tests;

/// <summary>
/// The browser the tests drive: Debian's <c>chromium</c> (Playwright's own download cannot work without the internet).
/// <c>CHROMIUM_PATH</c> overrides; .ci/run installs the package when it is missing.
/// </summary>
internal static class Chromium
{
    /// <summary>The browser's path; null when there is none.</summary>
    public static string? Found { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } set
        ? set
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>The browser's path, or an error saying how to get one.</summary>
    public static string Path => Found
        ?? throw new InvalidOperationException("No Chromium: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.");
}
