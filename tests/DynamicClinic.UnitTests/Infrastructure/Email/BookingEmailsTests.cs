using System.Text;
using DynamicClinic.Data.Outbox;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Treatments;
using DynamicClinic.TestSupport;
using DynamicClinic.Web.Infrastructure.Email;
using Ical.Net;
using Microsoft.Extensions.Time.Testing;

namespace DynamicClinic.UnitTests.Infrastructure.Email;

public class BookingEmailsTests
{
    private const string When = "Tuesday 1 December 2026 at 10:30 (Pakistan time)";

    private readonly BookingEmails _emails = TestBookings.Emails();

    [Fact]
    public void ConfirmationShowsReferenceClinicTimeManageLinkAndClinicDetails()
    {
        var message = _emails.BookingConfirmed(TestBookings.Model());

        Assert.Equal(EmailKinds.BookingConfirmed, message.Kind);
        Assert.Equal(42, message.AppointmentId);
        Assert.Equal("ayesha@example.com", message.ToAddress);
        Assert.Equal("Ayesha Khan", message.ToName);
        Assert.Contains("DC-7K3M9Q", message.Subject, StringComparison.Ordinal);
        Assert.Equal("Appointment confirmed for Tuesday 1 December 2026 at 10:30, reference DC-7K3M9Q", message.Subject);
        foreach (var expected in new[]
        {
            "Dear Ayesha Khan,", "Reference: DC-7K3M9Q", "When: " + When, "Length: 30 minutes", "Appointment: Mesotherapy",
            "With: Dr Sana Malik", "Where: 12 Jinnah Avenue, Blue Area, Islamabad", "https://clinic.example/manage/DC-7K3M9Q?token=abc123",
            "+92 51 000 0000", "10 minutes", "clean, dry hair", "medicines", "prescriptions", "photos",
        })
        {
            Assert.Contains(expected, message.TextBody, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"https://clinic.example/manage/DC-7K3M9Q?token=abc123\"", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfirmationAttachesACalendarRequestForTheAppointment()
    {
        var message = _emails.BookingConfirmed(TestBookings.Model());

        Assert.Equal("appointment.ics", message.AttachmentFileName);
        Assert.Equal("text/calendar; charset=utf-8; method=REQUEST", message.AttachmentContentType);
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(message.AttachmentContent!))!;
        var appointment = Assert.Single(calendar.Events);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal("DC-7K3M9Q@dynamicclinic.example", appointment.Uid);
        Assert.Equal(TestBookings.StartUtc, appointment.DtStart!.AsUtc);
        Assert.Equal(TestBookings.StartUtc.AddMinutes(30), appointment.DtEnd!.AsUtc);
        Assert.DoesNotContain("Mesotherapy", Encoding.UTF8.GetString(message.AttachmentContent!), StringComparison.Ordinal);
    }

    [Fact]
    public void NoEmailCarriesTheMainConcernOrThePatientsMessage()
    {
        var appointment = RecordedAppointments.Recorded(
            new Patient { FullName = "Ayesha Khan", PhoneE164 = "+923001234567", Email = "ayesha@example.com" }, 1, 1, TestBookings.StartUtc, TimeSpan.FromMinutes(30),
            mainConcern: "Thinning at the crown", message: "Private note about my history");
        appointment.Id = 42;
        appointment.Treatment = new Treatment { Slug = "mesotherapy", Name = "Mesotherapy" };
        appointment.Clinician = new Clinician { DisplayName = "Dr Sana Malik" };
        var model = BookingEmailModel.From(appointment, TestBookings.Clinic, "https://clinic.example/manage/x");

        OutboxMessage[] messages =
        [
            _emails.BookingConfirmed(model), _emails.BookingRescheduled(model, TestBookings.StartUtc.AddDays(-1)),
            _emails.BookingCancelled(model), _emails.Reminder(model),
        ];

        foreach (var message in messages)
        {
            var everything = message.Subject + message.TextBody + message.HtmlBody
                + (message.AttachmentContent is null ? "" : Encoding.UTF8.GetString(message.AttachmentContent));
            Assert.DoesNotContain("crown", everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Private note", everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("concern", everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ReminderCarriesItsOwnManageLink()
    {
        const string link = "https://clinic.example/booking/DC-7K3M9Q?token=reminder-secret";
        var message = _emails.Reminder(TestBookings.Model() with { ManageUrl = link });

        Assert.Equal(EmailKinds.Reminder, message.Kind);
        Assert.Contains(link, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://clinic.example/booking/DC-7K3M9Q?token=reminder-secret\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("link in your confirmation email", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(When, message.TextBody, StringComparison.Ordinal);
        Assert.Null(message.AttachmentContent);
    }

    [Fact]
    public void ReminderWithoutALinkSaysToCall()
    {
        var message = _emails.Reminder(TestBookings.Model() with { ManageUrl = null });

        Assert.DoesNotContain("token=", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("call us on +92 51 000 0000", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlEncodesEveryValue()
    {
        var message = _emails.BookingConfirmed(TestBookings.Model(
            patientName: "<script>alert('x')</script> & Co",
            manageUrl: "https://clinic.example/manage?a=1&b=\"><script>"));

        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&amp; Co", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear <script>alert('x')</script> & Co,", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void RescheduleKeepsTheUidShowsBothTimesAndRaisesTheSequence()
    {
        var clock = new FakeTimeProvider(TestBookings.Now);
        var emails = TestBookings.Emails(clock);
        var original = emails.BookingConfirmed(TestBookings.Model());
        clock.Advance(TimeSpan.FromHours(2));
        // The appointment counts its versions: moved once (1), then cancelled (2).
        var moved = TestBookings.Model() with { StartUtc = TestBookings.StartUtc.AddDays(1), EndUtc = TestBookings.StartUtc.AddDays(1).AddMinutes(30), Sequence = 1 };

        var rescheduled = emails.BookingRescheduled(moved, previousStartUtc: TestBookings.StartUtc);
        var cancelled = emails.BookingCancelled(moved with { Sequence = 2 });

        var first = Event(original);
        var second = Event(rescheduled);
        var third = Event(cancelled);
        Assert.Equal(first.Uid, second.Uid);
        Assert.Equal(first.Uid, third.Uid);
        Assert.True(second.Sequence > first.Sequence);
        Assert.True(third.Sequence > second.Sequence);
        Assert.Equal(moved.StartUtc, second.DtStart!.AsUtc);
        Assert.Equal(EmailKinds.BookingRescheduled, rescheduled.Kind);
        Assert.Contains("Wednesday 2 December 2026 at 10:30 (Pakistan time)", rescheduled.TextBody, StringComparison.Ordinal);
        Assert.Contains(When, rescheduled.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void CancellationAttachesACalendarCancelAndNoManageLink()
    {
        var message = _emails.BookingCancelled(TestBookings.Model());

        Assert.Equal(EmailKinds.BookingCancelled, message.Kind);
        Assert.Equal("text/calendar; charset=utf-8; method=CANCEL", message.AttachmentContentType);
        Assert.Equal("CANCEL", Ical.Net.Calendar.Load(Encoding.UTF8.GetString(message.AttachmentContent!))!.Method);
        Assert.DoesNotContain("token=", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("cancelled", message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Asia/Karachi", "Tuesday 1 December 2026 at 10:30 (Pakistan time)")]
    [InlineData("Europe/London", "Tuesday 1 December 2026 at 05:30 (Greenwich Mean Time)")]
    public void ClinicTimeIsWrittenOutInFull(string zone, string expected)
    {
        Assert.Equal(expected, BookingEmails.FormatClinicTime(TestBookings.StartUtc, TimeZoneInfo.FindSystemTimeZoneById(zone)));
    }

    [Fact]
    public void LongNamesAreCutToTheOutboxLimits()
    {
        var message = _emails.BookingConfirmed(TestBookings.Model(patientName: new string('a', 150)));

        Assert.Equal(OutboxMessage.NameMaxLength, message.ToName.Length);
        Assert.True(message.Subject.Length <= OutboxMessage.SubjectMaxLength);
    }

    private static Ical.Net.CalendarComponents.CalendarEvent Event(OutboxMessage message) =>
        Assert.Single(Ical.Net.Calendar.Load(Encoding.UTF8.GetString(message.AttachmentContent!))!.Events);
}
