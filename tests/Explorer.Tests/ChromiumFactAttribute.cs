namespace GridAspire.Explorer.Tests;

/// <summary>A fact that drives Debian's Chromium (<see cref="Chromium"/>; .ci/run installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() =>
        Skip = OutsideTool.SkipReason("Chromium", "apt-get install chromium, or set CHROMIUM_PATH", Chromium.Found is not null);
}
