namespace GridAspire.TestSupport;

/// <summary>Locates the repository from a test's output directory.</summary>
public static class Repository
{
    /// <summary>The directory holding GridAspire.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridAspire.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GridAspire.sln not found above " + AppContext.BaseDirectory);
    }
}
