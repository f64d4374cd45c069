using System.Text.Json;
using DynamicClinic.Web.Features.Treatments;

namespace DynamicClinic.UnitTests.Treatments;

/// <summary>
/// The treatment guides' content files: each language has the same treatments with the same structure (the same
/// sections, as many paragraphs, steps and list items), so a translation never drops or adds a medical fact unnoticed.
/// </summary>
public class TreatmentContentTests
{
    public static TheoryData<string> Slugs => new(TreatmentCatalogue.Slugs);

    [Fact]
    public void EachLanguageHasTheSameTreatmentFiles()
    {
        string[] Files(string language) => Directory.GetFiles(Path.Combine(TreatmentCatalogue.ContentFolder, language), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;

        Assert.Equal(TreatmentCatalogue.Slugs.Order(StringComparer.Ordinal), Files("en"));
        Assert.Equal(Files("en"), Files("ur"));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void TheUrduGuideHasTheShapeOfTheEnglish(string slug)
    {
        Assert.Equal(Shape(Read("en", slug)), Shape(Read("ur", slug)));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void TheUrduGuideIsInUrduWithTheSameFigures(string slug)
    {
        var english = TreatmentCatalogue.All.Single(g => g.Slug == slug);
        var urdu = TreatmentCatalogue.Urdu.Single(g => g.Slug == slug);

        Assert.Equal(slug, urdu.Slug);
        Assert.Contains(urdu.Title, c => c is >= '\u0600' and <= '\u06FF');
        Assert.NotEqual(english.Summary, urdu.Summary);
        // Numbers (sessions, weeks, hours) are the same facts in both, in Western digits (docs/decisions/0006-urdu.md).
        Assert.Equal(Numbers(english), Numbers(urdu));
    }

    [Fact]
    public void EachBookingOnlyTreatmentHasItsWordsInBothLanguages()
    {
        string[] Files(string language) => Directory.GetFiles(Path.Combine(TreatmentCatalogue.BookingOnlyFolder, language), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;

        Assert.Equal(TreatmentCatalogue.BookingOnlySlugs.Order(StringComparer.Ordinal), Files("en"));
        Assert.Equal(Files("en"), Files("ur"));
        foreach (var slug in TreatmentCatalogue.BookingOnlySlugs)
        {
            var english = TreatmentCatalogue.BookingOnly.Single(w => w.Slug == slug);
            var urdu = TreatmentCatalogue.BookingOnlyUrdu.Single(w => w.Slug == slug);
            Assert.Contains(urdu.Name, c => c is >= '\u0600' and <= '\u06FF');
            Assert.Contains(urdu.Summary, c => c is >= '\u0600' and <= '\u06FF');
            Assert.NotEqual(english.Name, urdu.Name);
            Assert.DoesNotContain(urdu.Name + urdu.Summary, c => c is >= 'A' and <= 'z');
        }
    }

    [Fact]
    public void TheGeneralConsultationIsNamedInUrduForUrduReadersAndByTheClinicOtherwise()
    {
        Assert.Equal("بال گرنے پر عمومی مشاورت", TreatmentCatalogue.NameFor("general-consultation", "Consultation", urdu: true));
        Assert.Equal("Consultation", TreatmentCatalogue.NameFor("general-consultation", "Consultation", urdu: false));
        Assert.Equal("میسوتھراپی", TreatmentCatalogue.NameFor("mesotherapy", "Mesotherapy", urdu: true));
        Assert.Equal("Beard transplant", TreatmentCatalogue.NameFor("beard-transplant", "Beard transplant", urdu: true));
    }

    private static JsonElement Read(string language, string slug) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TreatmentCatalogue.ContentFolder, language, slug + ".json"))).RootElement;

    /// <summary>The property names, and the length of each list, all the way down.</summary>
    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Shape)) + "]",
        _ => element.ValueKind.ToString(),
    };

    private static string Numbers(TreatmentGuide guide)
    {
        var text = string.Join(" ", new[] { guide.Summary, guide.SideEffectsSummary ?? "" }
            .Concat(guide.WhatItIs).Concat(guide.Sessions).Concat(guide.Aftercare).Concat(guide.SideEffects));
        return string.Join(" ", System.Text.RegularExpressions.Regex.Matches(text, "[0-9]+").Select(m => m.Value).Order(StringComparer.Ordinal));
    }
}
