using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.Extensions.Time.Testing;

namespace DynamicClinic.UnitTests.Infrastructure.Email;

/// <summary>One appointment as the email tests see it: Tuesday 1 December 2026, 10:30 to 11:00 in Islamabad.</summary>
internal static class TestBookings
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);

    public static readonly DateTime StartUtc = new(2026, 12, 1, 5, 30, 0, DateTimeKind.Utc);

    public static readonly ClinicContact Clinic = new(
        "Dynamic Clinic",
        "12 Jinnah Avenue, Blue Area, Islamabad",
        "+92 51 000 0000",
        "appointments@dynamicclinic.example",
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi"));

    public static BookingEmailModel Model(string patientName = "Ayesha Khan", string? manageUrl = "https://clinic.example/manage/DC-7K3M9Q?token=abc123") =>
        new(
            AppointmentId: 42,
            Reference: "DC-7K3M9Q",
            PatientName: patientName,
            PatientEmail: "ayesha@example.com",
            TreatmentName: "Mesotherapy",
            ClinicianName: "Dr Sana Malik",
            StartUtc: StartUtc,
            EndUtc: StartUtc.AddMinutes(30),
            Clinic: Clinic,
            ManageUrl: manageUrl);

    public static BookingEmails Emails(FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(Now);
        return new BookingEmails(new CalendarInvite(clock));
    }
}
