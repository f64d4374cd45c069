namespace DynamicClinic.Web.Resources;

/// <summary>
/// Marker for the public site's own words (layout, home, treatments, privacy notice, error pages, language switch):
/// <c>IStringLocalizer&lt;SiteText&gt;</c> reads <c>SiteText.resx</c> (English) and <c>SiteText.ur.resx</c> (Urdu).
/// </summary>
public sealed class SiteText;
