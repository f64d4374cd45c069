using System.Globalization;
using System.Text.Json;
using DynamicClinic.Web.Infrastructure.Localization;

namespace DynamicClinic.Web.Features.Treatments;

/// <summary>
/// The four hair-loss treatment guides, written in our own words from the clinic's published facts about its
/// treatments. Where those facts are silent (sessions, side effects and aftercare for PRP, transplant and
/// medication) a guide sends the reader to their specialist rather than make a medical claim.
/// The words live in content files, one per treatment and language (<c>Content/treatments/{en,ur}/{slug}.json</c>),
/// so a translator reviews them without touching code; they are read once, when the catalogue is first used.
/// </summary>
public static class TreatmentCatalogue
{
    public const string MesotherapySlug = "mesotherapy";
    public const string PrpTherapySlug = "prp-therapy";
    public const string HairTransplantSlug = "hair-transplant";
    public const string MedicationsSlug = "medications";

    /// <summary>The order the site lists the treatments in.</summary>
    public static IReadOnlyList<string> Slugs { get; } = [MesotherapySlug, PrpTherapySlug, HairTransplantSlug, MedicationsSlug];

    /// <summary>The folder of the content files, beside the site's assembly.</summary>
    public static string ContentFolder { get; } = Path.Combine(AppContext.BaseDirectory, "Content", "treatments");

    /// <summary>
    /// Treatments patients can book that have no guide page (the general consultation): only their name and summary,
    /// one file per language (<c>Content/booking-only/{en,ur}/{slug}.json</c>), so an Urdu page names them in Urdu too.
    /// </summary>
    public static IReadOnlyList<string> BookingOnlySlugs { get; } = ["general-consultation"];

    /// <summary>The folder of the booking-only treatments' words.</summary>
    public static string BookingOnlyFolder { get; } = Path.Combine(AppContext.BaseDirectory, "Content", "booking-only");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>All guides in English, in the order the site lists them.</summary>
    public static IReadOnlyList<TreatmentGuide> All { get; } = Load("en");

    /// <summary>All guides in Urdu, in the same order.</summary>
    public static IReadOnlyList<TreatmentGuide> Urdu { get; } = Load("ur");

    /// <summary>The booking-only treatments' words in English (the translator's source; pages show the database's words).</summary>
    public static IReadOnlyList<TreatmentWords> BookingOnly { get; } = LoadBookingOnly("en");

    /// <summary>The booking-only treatments' words in Urdu.</summary>
    public static IReadOnlyList<TreatmentWords> BookingOnlyUrdu { get; } = LoadBookingOnly("ur");

    /// <summary>The guides in the language of the request (its UI culture), for pages and the booking flow.</summary>
    public static IReadOnlyList<TreatmentGuide> Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == SiteLanguage.Urdu.TwoLetterISOLanguageName ? Urdu : All;

    /// <summary>The English guide for <paramref name="slug"/>, ignoring case; <c>null</c> when there is none.</summary>
    public static TreatmentGuide? Find(string? slug) => Find(All, slug);

    /// <summary>The guide for <paramref name="slug"/> in the request's language, ignoring case; <c>null</c> when there is none.</summary>
    public static TreatmentGuide? FindCurrent(string? slug) => Find(Current, slug);

    /// <summary>
    /// A treatment's name as a patient reads it: in Urdu the Urdu guide's name (or the booking-only treatment's); otherwise,
    /// or for a treatment with no Urdu words, the clinic's own name from the database (<paramref name="name"/>), which
    /// staff may have edited.
    /// </summary>
    public static string NameFor(string slug, string name, bool urdu) =>
        urdu && UrduWordsFor(slug) is { } words ? words.Name : name;

    /// <summary>The Urdu name and summary of a bookable treatment, from its guide or booking-only file; null when it has none.</summary>
    public static TreatmentWords? UrduWordsFor(string? slug) =>
        Find(Urdu, slug) is { } guide
            ? new TreatmentWords(guide.Slug, guide.Name, guide.Summary)
            : BookingOnlyUrdu.FirstOrDefault(w => string.Equals(w.Slug, slug, StringComparison.OrdinalIgnoreCase));

    /// <summary><see cref="NameFor"/> in the language of the request (its UI culture).</summary>
    public static string CurrentNameFor(string slug, string name) => NameFor(slug, name, ReferenceEquals(Current, Urdu));

    private static TreatmentGuide? Find(IReadOnlyList<TreatmentGuide> guides, string? slug) =>
        string.IsNullOrWhiteSpace(slug)
            ? null
            : guides.FirstOrDefault(g => string.Equals(g.Slug, slug, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads one language's guides; a missing or malformed file stops the site at start-up, not on a page.</summary>
    internal static IReadOnlyList<TreatmentGuide> Load(string language) =>
        Slugs.Select(slug =>
        {
            var file = Path.Combine(ContentFolder, language, slug + ".json");
            var guide = JsonSerializer.Deserialize<TreatmentGuide>(File.ReadAllText(file), JsonOptions)
                ?? throw new InvalidDataException($"{file} is empty.");
            return guide.Slug == slug ? guide : throw new InvalidDataException($"{file} is for '{guide.Slug}', not '{slug}'.");
        }).ToList();

    internal static IReadOnlyList<TreatmentWords> LoadBookingOnly(string language) =>
        BookingOnlySlugs.Select(slug =>
        {
            var file = Path.Combine(BookingOnlyFolder, language, slug + ".json");
            var words = JsonSerializer.Deserialize<TreatmentWords>(File.ReadAllText(file), JsonOptions)
                ?? throw new InvalidDataException($"{file} is empty.");
            return words.Slug == slug ? words : throw new InvalidDataException($"{file} is for '{words.Slug}', not '{slug}'.");
        }).ToList();
}
