using DynamicClinic.Domain.Settings;

namespace DynamicClinic.UnitTests.Admin;

public class ClinicSettingsTests
{
    private static ClinicSettings Valid() => new()
    {
        SlotStepMinutes = 15,
        BufferMinutes = 10,
        MinimumNoticeHours = 2,
        HorizonDays = 60,
        CancellationCutoffHours = 24,
        ReminderLeadHours = 24,
        Address = "House 1, Street 2, F-7, Islamabad",
        Phone = "+92 51 2345678",
        PublicEmail = "hello@dynamicclinic.example",
        OpeningHours = "Monday to Saturday: 10:00 to 19:00\nSunday: closed",
    };

    private static IEnumerable<string> Fields(ClinicSettings settings) => settings.Validate().Select(p => p.Field);

    [Fact]
    public void SensibleSettingsHaveNoProblems() => Assert.Empty(Valid().Validate());

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(120)]
    public void SlotStepsThatDivideAnHourOrAreTwoHoursAreAllowed(int step)
    {
        var settings = Valid();
        settings.SlotStepMinutes = step;

        Assert.Empty(settings.Validate());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(25)]
    [InlineData(45)]
    [InlineData(90)]
    [InlineData(-15)]
    public void SlotStepsOffTheHourGridAreRefused(int step)
    {
        var settings = Valid();
        settings.SlotStepMinutes = step;

        Assert.Equal([nameof(ClinicSettings.SlotStepMinutes)], Fields(settings));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(3)]
    [InlineData(125)]
    public void BufferMustBeAMultipleOfFiveUpToTwoHours(int minutes)
    {
        var settings = Valid();
        settings.BufferMinutes = minutes;

        Assert.Equal([nameof(ClinicSettings.BufferMinutes)], Fields(settings));
    }

    [Theory]
    [InlineData(nameof(ClinicSettings.MinimumNoticeHours), -1)]
    [InlineData(nameof(ClinicSettings.MinimumNoticeHours), 169)]
    [InlineData(nameof(ClinicSettings.HorizonDays), 0)]
    [InlineData(nameof(ClinicSettings.HorizonDays), 366)]
    [InlineData(nameof(ClinicSettings.CancellationCutoffHours), -1)]
    [InlineData(nameof(ClinicSettings.CancellationCutoffHours), 169)]
    [InlineData(nameof(ClinicSettings.ReminderLeadHours), 0)]
    [InlineData(nameof(ClinicSettings.ReminderLeadHours), 169)]
    public void NumbersOutsideTheirRangeAreRefusedByName(string field, int value)
    {
        var settings = Valid();
        typeof(ClinicSettings).GetProperty(field)!.SetValue(settings, value);

        Assert.Equal([field], Fields(settings));
    }

    [Fact]
    public void NoticeAsLongAsTheHorizonIsRefusedBecauseNothingCouldBeBooked()
    {
        var settings = Valid();
        settings.HorizonDays = 2;
        settings.MinimumNoticeHours = 48;

        var problem = Assert.Single(settings.Validate());
        Assert.Equal(nameof(ClinicSettings.MinimumNoticeHours), problem.Field);
        Assert.Contains("shorter than the booking horizon", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EdgesOfEveryRangeAreAllowed()
    {
        var low = Valid();
        low.BufferMinutes = 0;
        low.MinimumNoticeHours = 0;
        low.HorizonDays = 1;
        low.CancellationCutoffHours = 0;
        low.ReminderLeadHours = 1;
        var high = Valid();
        high.BufferMinutes = 120;
        high.MinimumNoticeHours = 168;
        high.HorizonDays = 365;
        high.CancellationCutoffHours = 168;
        high.ReminderLeadHours = 168;

        Assert.Empty(low.Validate());
        Assert.Empty(high.Validate());
    }

    [Theory]
    [InlineData(nameof(ClinicSettings.Address), "")]
    [InlineData(nameof(ClinicSettings.Address), "   ")]
    [InlineData(nameof(ClinicSettings.Phone), "")]
    [InlineData(nameof(ClinicSettings.PublicEmail), "")]
    [InlineData(nameof(ClinicSettings.PublicEmail), "not-an-email")]
    [InlineData(nameof(ClinicSettings.PublicEmail), "two@at@example.com")]
    [InlineData(nameof(ClinicSettings.OpeningHours), "")]
    [InlineData(nameof(ClinicSettings.OpeningHours), "\n  \n")]
    public void ContactDetailsAreRequiredAndChecked(string field, string value)
    {
        var settings = Valid();
        typeof(ClinicSettings).GetProperty(field)!.SetValue(settings, value);

        Assert.Equal([field], Fields(settings));
    }

    [Fact]
    public void TextLongerThanItsColumnIsRefused()
    {
        var settings = Valid();
        settings.Address = new string('a', ClinicSettings.AddressMaxLength + 1);
        settings.Phone = new string('1', ClinicSettings.PhoneMaxLength + 1);

        Assert.Equal([nameof(ClinicSettings.Address), nameof(ClinicSettings.Phone)], Fields(settings));
    }

    [Fact]
    public void OpeningHoursAllowSevenShortLines()
    {
        var settings = Valid();
        settings.OpeningHours = string.Join('\n', Enumerable.Range(1, 8).Select(i => $"Line {i}"));
        var longLine = Valid();
        longLine.OpeningHours = new string('x', ClinicSettings.OpeningHoursLineMaxLength + 1);

        Assert.Equal([nameof(ClinicSettings.OpeningHours)], Fields(settings));
        Assert.Equal([nameof(ClinicSettings.OpeningHours)], Fields(longLine));
    }

    [Fact]
    public void OpeningHoursAreShownLineByLineWithoutBlankLines()
    {
        var settings = Valid();
        settings.OpeningHours = "  Monday: 10:00 to 19:00 \n\n Sunday: closed\n";

        Assert.Equal(["Monday: 10:00 to 19:00", "Sunday: closed"], settings.OpeningHoursLines);
    }

    [Fact]
    public void BookingRulesComeFromTheSettings()
    {
        var settings = Valid();
        settings.SlotStepMinutes = 30;
        settings.MinimumNoticeHours = 6;
        settings.HorizonDays = 14;

        var rules = settings.ToAvailabilityRules();

        Assert.Equal(TimeSpan.FromMinutes(30), rules.SlotStep);
        Assert.Equal(TimeSpan.FromMinutes(10), rules.Buffer);
        Assert.Equal(TimeSpan.FromHours(6), rules.MinimumNotice);
        Assert.Equal(TimeSpan.FromDays(14), rules.Horizon);
        Assert.Empty(rules.Validate());
        Assert.Equal(TimeSpan.FromHours(24), settings.CancellationCutoff);
        Assert.Equal(TimeSpan.FromHours(24), settings.ReminderLeadTime);
    }
}
