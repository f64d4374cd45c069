using DynamicClinic.Web.Features.Treatments;

namespace DynamicClinic.UnitTests.Treatments;

public class TreatmentGuideTests
{
    // Search engines cut meta descriptions off at roughly this length.
    private const int MetaDescriptionLimit = 160;

    public static TheoryData<string> Slugs => new(TreatmentCatalogue.All.Select(g => g.Slug));

    [Fact]
    public void CatalogueHoldsTheFourHairLossTreatments() =>
        Assert.Equal(["mesotherapy", "prp-therapy", "hair-transplant", "medications"], TreatmentCatalogue.All.Select(g => g.Slug));

    [Fact]
    public void EverySlugIsUniqueIgnoringCase() =>
        Assert.Equal(TreatmentCatalogue.All.Count, TreatmentCatalogue.All.Select(g => g.Slug).Distinct(StringComparer.OrdinalIgnoreCase).Count());

    [Fact]
    public void EveryGuideHasItsOwnTitle() =>
        Assert.Equal(TreatmentCatalogue.All.Count, TreatmentCatalogue.All.Select(g => g.Title).Distinct(StringComparer.Ordinal).Count());

    [Theory]
    [MemberData(nameof(Slugs))]
    public void SlugIsLowerCaseAndSafeInAUrl(string slug) =>
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);

    [Theory]
    [MemberData(nameof(Slugs))]
    public void GuideHasTitleNameAndSummary(string slug)
    {
        var guide = Guide(slug);

        Assert.False(string.IsNullOrWhiteSpace(guide.Title));
        Assert.False(string.IsNullOrWhiteSpace(guide.Name));
        Assert.False(string.IsNullOrWhiteSpace(guide.Summary));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void MetaDescriptionIsPresentAndShortEnoughForSearchResults(string slug)
    {
        var description = Guide(slug).MetaDescription;

        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.True(description.Length <= MetaDescriptionLimit, $"{slug}: meta description is {description.Length} characters");
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void GuideSaysWhoItSuitsAndWhoItMayNot(string slug)
    {
        var guide = Guide(slug);

        Assert.NotEmpty(guide.GoodCandidates);
        Assert.NotEmpty(guide.NotSuitableFor);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void GuideCoversEverySectionOfTheDetailPage(string slug)
    {
        var guide = Guide(slug);

        Assert.NotEmpty(guide.WhatItIs);
        Assert.NotEmpty(guide.HowItWorks);
        Assert.NotEmpty(guide.Benefits);
        Assert.NotEmpty(guide.Sessions);
        Assert.NotEmpty(guide.SideEffects);
        Assert.NotEmpty(guide.Aftercare);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void GuideHasAllThreeComparisonColumns(string slug)
    {
        var comparison = Guide(slug).Comparison;

        Assert.False(string.IsNullOrWhiteSpace(comparison.Invasiveness));
        Assert.False(string.IsNullOrWhiteSpace(comparison.Recovery));
        Assert.False(string.IsNullOrWhiteSpace(comparison.Effectiveness));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void BookingLinkCarriesTheSlug(string slug)
    {
        var guide = Guide(slug);

        Assert.Equal($"/book?treatment={slug}", guide.BookingPath);
        Assert.Equal($"/treatments/{slug}", guide.PagePath);
    }

    [Fact]
    public void MesotherapyHasTheFourProcedureStepsInOrder() =>
        Assert.Equal(["Assessment", "Preparation", "Injection", "Stimulation"], Guide("mesotherapy").Steps.Select(s => s.Name));

    [Fact]
    public void MesotherapyListsTheBlendAndItsSessionPlan()
    {
        var guide = Guide("mesotherapy");

        Assert.Contains(guide.Blend, i => i.Name.Contains("biotin", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(guide.Blend, i => i.Name.Contains("Hyaluronic acid", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(guide.Sessions, s => s.Contains("6 to 8 sessions, one week apart", StringComparison.Ordinal));
        Assert.Contains(guide.Sessions, s => s.Contains("3 to 6 months", StringComparison.Ordinal));
        Assert.Contains(guide.Sessions, s => s.Contains("2 to 3 sessions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mesotherapy")]
    [InlineData("MESOTHERAPY")]
    [InlineData("Prp-Therapy")]
    [InlineData("hair-TRANSPLANT")]
    public void FindIgnoresCase(string slug)
    {
        var guide = TreatmentCatalogue.Find(slug);

        Assert.NotNull(guide);
        Assert.Equal(slug, guide.Slug, ignoreCase: true);
    }

    [Theory]
    [InlineData("not-a-treatment")]
    [InlineData("mesotherapy-2")]
    [InlineData(" mesotherapy")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void FindReturnsNullForAnUnknownSlug(string? slug) =>
        Assert.Null(TreatmentCatalogue.Find(slug));

    private static TreatmentGuide Guide(string slug) =>
        TreatmentCatalogue.Find(slug) ?? throw new InvalidOperationException($"No guide for {slug}.");
}
