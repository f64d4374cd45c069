namespace DynamicClinic.BrowserTests.Infrastructure;

/// <summary>The screen sizes the site is checked at: a phone held upright and a laptop.</summary>
public sealed record Viewport(string Name, int Width, int Height, bool IsMobile)
{
    public static readonly Viewport Phone = new("phone", 375, 812, IsMobile: true);

    public static readonly Viewport Desktop = new("desktop", 1280, 800, IsMobile: false);

    /// <summary>For <c>[MemberData]</c>: xunit shows the name, so a failure says which size it was.</summary>
    public static TheoryData<string> Names => [Phone.Name, Desktop.Name];

    public static Viewport Named(string name) => name == Phone.Name ? Phone : name == Desktop.Name ? Desktop : throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown viewport.");
}
