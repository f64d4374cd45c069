using DynamicClinic.Data.Outbox;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// Tells a new member of staff that their account exists and where to sign in. It never contains the password:
/// email is not a safe place for one, so the admin hands the one-time password over in person or by phone.
/// </summary>
public sealed class StaffInvitationEmail(IOptions<ClinicOptions> clinic)
{
    public OutboxMessage Compose(string displayName, string email, Uri signInUrl)
    {
        ArgumentNullException.ThrowIfNull(signInUrl);
        var clinicName = clinic.Value.Name;
        var subject = $"Your {clinicName} staff account";
        var body = new EmailBody()
            .Paragraph($"Dear {displayName},")
            .Paragraph($"An administrator has created a staff account for you at {clinicName}. You sign in with this email address.")
            .Paragraph("For your first sign-in you need a one-time password. It is not in this email: ask the administrator "
                + "who created your account to give it to you in person or by phone. You will then choose a password of your own.")
            .Link("Sign in here:", "Staff sign-in", signInUrl.ToString())
            .Paragraph("If you were not expecting this email, please tell the clinic.")
            .Lines("Kind regards,", clinicName);
        return new OutboxMessage
        {
            Kind = EmailKinds.StaffInvitation,
            ToAddress = email,
            ToName = displayName.Length <= OutboxMessage.NameMaxLength ? displayName : displayName[..OutboxMessage.NameMaxLength],
            Subject = subject.Length <= OutboxMessage.SubjectMaxLength ? subject : subject[..OutboxMessage.SubjectMaxLength],
            TextBody = body.Text,
            HtmlBody = body.Html(subject),
        };
    }
}
