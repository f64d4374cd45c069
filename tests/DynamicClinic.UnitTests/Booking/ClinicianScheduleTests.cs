using DynamicClinic.Domain.Clinicians;
using DynamicClinic.Domain.Scheduling;

namespace DynamicClinic.UnitTests.Booking;

public class ClinicianScheduleTests
{
    [Fact]
    public void FromClinicianCopiesWorkingHoursAndTimeOff()
    {
        var leaveStart = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        var clinician = new Clinician { Id = 4, DisplayName = "Dr Test" };
        clinician.WorkingHours.Add(new WorkingHours { DayOfWeek = DayOfWeek.Monday, Start = new TimeOnly(9, 0), End = new TimeOnly(13, 0) });
        clinician.WorkingHours.Add(new WorkingHours { DayOfWeek = DayOfWeek.Monday, Start = new TimeOnly(14, 0), End = new TimeOnly(17, 0) });
        clinician.TimeOff.Add(new TimeOff { StartUtc = leaveStart, EndUtc = leaveStart.AddDays(7), Reason = "Leave" });

        var schedule = ClinicianSchedule.FromClinician(clinician);

        Assert.Equal(4, schedule.ClinicianId);
        Assert.Equal(
            [
                new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)),
                new WeeklyInterval(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(17, 0)),
            ],
            schedule.WeeklyHours);
        Assert.Equal([new UtcRange(leaveStart, leaveStart.AddDays(7))], schedule.TimeOff);
    }
}
