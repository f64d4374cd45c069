using System.Text;
using DynamicClinic.Web.Infrastructure.Email;
using Ical.Net;
using Microsoft.Extensions.Time.Testing;

namespace DynamicClinic.UnitTests.Infrastructure.Email;

public class CalendarInviteTests
{
    private static readonly DateTime Start = TestBookings.StartUtc;
    private static readonly DateTime End = Start.AddMinutes(30);

    private readonly CalendarInvite _invite = new(new FakeTimeProvider(TestBookings.Now));

    [Fact]
    public void RequestParsesBackWithUtcTimesUidAndMethod()
    {
        var bytes = Create(cancelled: false, sequence: 0);

        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(bytes))!;
        var appointment = Assert.Single(calendar.Events);

        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal("DC-7K3M9Q@dynamicclinic.example", appointment.Uid);
        Assert.True(appointment.DtStart!.IsUtc);
        Assert.Equal(Start, appointment.DtStart.AsUtc);
        Assert.Equal(End, appointment.DtEnd!.AsUtc);
        Assert.Equal(TestBookings.Now.UtcDateTime, appointment.DtStamp!.AsUtc);
        Assert.Equal("Appointment at Dynamic Clinic", appointment.Summary);
        Assert.Equal("12 Jinnah Avenue, Blue Area, Islamabad", appointment.Location);
        Assert.Equal(new Uri("https://clinic.example/manage/x"), appointment.Url);
        Assert.Equal("CONFIRMED", appointment.Status);
        Assert.Equal(0, appointment.Sequence);
        Assert.Equal("mailto:appointments@dynamicclinic.example", appointment.Organizer!.Value!.ToString());
        var alarm = Assert.Single(appointment.Alarms);
        Assert.Equal("-PT1H", alarm.Trigger!.Duration.ToString());
    }

    [Fact]
    public void CancellationHasCancelMethodCancelledStatusAndItsSequence()
    {
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(Create(cancelled: true, sequence: 7)))!;
        var appointment = Assert.Single(calendar.Events);

        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal("CANCELLED", appointment.Status);
        Assert.Equal(7, appointment.Sequence);
        Assert.Empty(appointment.Alarms);
    }

    [Fact]
    public void TextIsEscapedAndLinesAreFolded()
    {
        var bytes = _invite.Create("uid-1@example", Start, End, "Semi; colon, comma", "Here", new string('x', 200), null, "Clinic", "a@example.com");
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Contains(@"SUMMARY:Semi\; colon\, comma", text, StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Equal(new string('x', 200), Assert.Single(Ical.Net.Calendar.Load(text)!.Events).Description);
    }

    [Fact]
    public void RejectsAnEndBeforeTheStart()
    {
        Assert.Throws<ArgumentException>(() => _invite.Create("u@x", End, Start, "s", "l", "d", null, "c", "c@x.example"));
    }

    private byte[] Create(bool cancelled, int sequence) => _invite.Create(
        "DC-7K3M9Q@dynamicclinic.example",
        Start,
        End,
        "Appointment at Dynamic Clinic",
        "12 Jinnah Avenue, Blue Area, Islamabad",
        "Reference DC-7K3M9Q",
        "https://clinic.example/manage/x",
        "Dynamic Clinic",
        "appointments@dynamicclinic.example",
        cancelled,
        sequence);
}
