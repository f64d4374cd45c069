using System.ComponentModel.DataAnnotations;

namespace DynamicClinic.Web.Features.Waitlist;

/// <summary>The <c>Waitlist</c> section. Validated at start-up.</summary>
public sealed class WaitlistOptions
{
    public const string SectionName = "Waitlist";

    /// <summary>How long a freed time stays offered before it lapses (the patient is called or messaged meanwhile).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan OfferValidFor { get; set; } = TimeSpan.FromHours(2);
}
