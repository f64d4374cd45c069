using System.Collections;
using System.Globalization;
using System.Resources;
using DynamicClinic.Web.Resources;

namespace DynamicClinic.UnitTests.Infrastructure.Localization;

/// <summary>
/// Every resource of the site (SiteText, and any added beside it) has the same keys in English and Urdu, none empty,
/// and the same {0} placeholders: a sentence missing in one language would show its English or its key instead.
/// </summary>
public class ResourceParityTests
{
    private static readonly CultureInfo Urdu = CultureInfo.GetCultureInfo("ur");

    public static TheoryData<string> Resources() => new(ResourceNames());

    private static IEnumerable<string> ResourceNames() => typeof(SiteText).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("DynamicClinic.Web.Resources.", StringComparison.Ordinal) && n.EndsWith(".resources", StringComparison.Ordinal))
        .Select(n => n[..^".resources".Length]);

    [Fact]
    public void TheSiteHasResources() => Assert.Contains("DynamicClinic.Web.Resources.SiteText", ResourceNames());

    [Theory]
    [MemberData(nameof(Resources))]
    public void EachKeyExistsInBothLanguagesWithTheSamePlaceholders(string resource)
    {
        var manager = new ResourceManager(resource, typeof(SiteText).Assembly);
        var english = Entries(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false));
        var urdu = Entries(manager.GetResourceSet(Urdu, createIfNotExists: true, tryParents: false));

        Assert.Empty(english.Keys.Except(urdu.Keys).Select(k => $"{k} is missing in Urdu"));
        Assert.Empty(urdu.Keys.Except(english.Keys).Select(k => $"{k} is missing in English"));
        Assert.Empty(english.Concat(urdu).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{e.Key} is empty"));
        Assert.Empty(english.Keys
            .Where(k => !Placeholders(english[k]).SequenceEqual(Placeholders(urdu[k])))
            .Select(k => $"{k} has other placeholders in Urdu"));
    }

    private static Dictionary<string, string> Entries(ResourceSet? set)
    {
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
    }

    private static IEnumerable<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal);
}
