namespace DynamicClinic.Web.Resources;

/// <summary>
/// Marker for the booking flow's words (start, time, details, review, the manage, reschedule and cancel pages, and the
/// online form's validation messages): <c>BookingText.resx</c> (English) and <c>BookingText.ur.resx</c> (Urdu).
/// </summary>
public sealed class BookingText;
