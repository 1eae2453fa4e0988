namespace GridAspire.Explorer.Tests;

/// <summary>
/// The browser the tests drive: Debian's <c>chromium</c> (Playwright's own download cannot work without the internet).
/// <c>CHROMIUM_PATH</c> overrides; .ci/run installs the package when it is missing.
/// </summary>
internal static class Chromium
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } set
        ? set
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("No Chromium: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.");
}
