using System.ComponentModel.DataAnnotations;

namespace DynamicClinic.Web.Infrastructure;

/// <summary>The <c>Clinic</c> section: who the clinic is and where, shown on the site and in emails.</summary>
public sealed class ClinicOptions
{
    public const string SectionName = "Clinic";

    [Required, StringLength(100)]
    public string Name { get; set; } = "Dynamic Clinic";

    /// <summary>IANA time zone the clinic works in; every time shown to people is in this zone.</summary>
    [Required]
    public string TimeZoneId { get; set; } = "Asia/Karachi";

    [Required, StringLength(300)]
    public string Address { get; set; } = "";

    [Required, StringLength(30)]
    public string Phone { get; set; } = "";

    [Required, EmailAddress]
    public string Email { get; set; } = "";

    /// <summary>
    /// The site's public address, for links in messages sent outside a request (the day-before reminder). Requests
    /// use the address they came to.
    /// </summary>
    [Required, Url]
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080/";

    /// <summary>Opening hours as shown on the site, one line each (e.g. "Monday to Saturday: 10:00 to 19:00").</summary>
    public List<string> OpeningHours { get; set; } = [];
}
