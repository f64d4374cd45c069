using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;

namespace DynamicClinic.Web.Infrastructure.Localization;

public static class LocalizationServiceCollectionExtensions
{
    /// <summary>Resources (<c>IStringLocalizer&lt;T&gt;</c> over <c>Resources/*.resx</c>) and what Urdu pages need.</summary>
    public static IServiceCollection AddSiteLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        // Razor writes Urdu letters as they are, not as &#x...; entities (six times the bytes on an Urdu page);
        // the characters HTML needs escaped (<, &, quotes) still are.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(
            UnicodeRanges.BasicLatin, UnicodeRanges.Arabic, UnicodeRanges.ArabicSupplement,
            UnicodeRanges.ArabicPresentationFormsA, UnicodeRanges.ArabicPresentationFormsB));
        // Under /ur the PathBase is "/ur": cookies a form needs must still reach both languages' pages.
        services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.Path = "/");
        return services;
    }

    /// <summary>First in the pipeline: every later step (error pages included) sees the language.</summary>
    public static IApplicationBuilder UseSiteLanguage(this IApplicationBuilder app) => app.UseMiddleware<LanguagePrefixMiddleware>();
}
