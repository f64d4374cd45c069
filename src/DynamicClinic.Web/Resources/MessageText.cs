namespace DynamicClinic.Web.Resources;

/// <summary>
/// Marker for the words of the patient's emails: <c>MessageText.resx</c> (English) and <c>MessageText.ur.resx</c>
/// (Urdu). Emails are written for the appointment's language, not the request's (a reminder has no request), so
/// <see cref="Infrastructure.Email.MessageWords"/> reads them for a given language.
/// </summary>
public sealed class MessageText;
