using System.Reflection;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;

namespace DynamicClinic.UnitTests.Appointments;

/// <summary><see cref="Appointment.Book"/> is the one way an appointment comes into being.</summary>
public class AppointmentBookTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void NothingOutsideTheDomainCanMakeOrRetimeAnAppointment()
    {
        // No public constructor, so `new Appointment { ... }` does not compile anywhere else.
        Assert.Empty(typeof(Appointment).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        string[] guarded = [nameof(Appointment.Reference), nameof(Appointment.ClinicianId), nameof(Appointment.TreatmentId), nameof(Appointment.StartUtc),
            nameof(Appointment.EndUtc), nameof(Appointment.Status), nameof(Appointment.Source), nameof(Appointment.SessionPlanId)];
        foreach (var name in guarded)
        {
            Assert.False(typeof(Appointment).GetProperty(name)!.SetMethod!.IsPublic, $"{name} has a public setter");
        }
    }

    [Fact]
    public void BookHoldsTheTimeBlocksWithTheBuffer()
    {
        var appointment = Appointment.Book(
            new Patient { Id = 3, FullName = "", PhoneE164 = "" },
            new AppointmentDetails(2, 5, Start, Start.AddMinutes(30), AppointmentSource.Phone),
            TimeSpan.FromMinutes(10),
            Now);

        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        Assert.Equal(3, appointment.PatientId);
        Assert.Null(appointment.Patient);
        Assert.Matches("^DC-[A-Z0-9]{6}$", appointment.Reference);
        Assert.Equal(8, appointment.TimeBlocks.Count);
        Assert.All(appointment.TimeBlocks, b => Assert.Equal(2, b.ClinicianId));
        Assert.Equal(Now, appointment.CreatedUtc);
    }

    [Fact]
    public void ANewPatientIsSavedWithTheAppointment()
    {
        var patient = new Patient { FullName = "New Person", PhoneE164 = "+923001112223" };

        var appointment = Appointment.Book(patient, new AppointmentDetails(1, 1, Start, Start.AddMinutes(15), AppointmentSource.Online), TimeSpan.Zero, Now);

        Assert.Same(patient, appointment.Patient);
    }

    [Fact]
    public void BookRefusesAnAppointmentThatEndsBeforeItStarts() =>
        Assert.Throws<ArgumentException>(() => Appointment.Book(
            new Patient { Id = 1, FullName = "", PhoneE164 = "" },
            new AppointmentDetails(1, 1, Start, Start, AppointmentSource.Phone), TimeSpan.Zero, Now));

    [Fact]
    public void AManageLinkWorksUntilTheAppointmentIsOver()
    {
        var appointment = Appointment.Book(new Patient { Id = 1, FullName = "", PhoneE164 = "" },
            new AppointmentDetails(1, 1, Start, Start.AddMinutes(30), AppointmentSource.Phone), TimeSpan.Zero, Now);

        var first = appointment.IssueManageToken(Now);
        var second = appointment.IssueManageToken(Now);

        Assert.NotEqual(first, second);
        Assert.True(appointment.AcceptsManageToken(first, Now));
        Assert.True(appointment.AcceptsManageToken(second, Start.AddMinutes(29)));
        Assert.False(appointment.AcceptsManageToken(second, Start.AddMinutes(30)));
        Assert.False(appointment.AcceptsManageToken("guessed", Now));
        Assert.All(appointment.ManageTokens, t => Assert.DoesNotContain(first, t.TokenHash, StringComparison.Ordinal));
    }
}
