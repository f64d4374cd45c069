using DynamicClinic.Web.Features.Admin;

namespace DynamicClinic.UnitTests.Admin;

public class ClinicSettingsFormValidatorTests
{
    private static readonly ClinicSettingsFormValidator Validator = new();

    private static ClinicSettingsForm Valid() => new()
    {
        SlotStepMinutes = 15,
        BufferMinutes = 0,
        MinimumNoticeHours = 2,
        HorizonDays = 60,
        CancellationCutoffHours = 24,
        ReminderLeadHours = 24,
        Address = "House 1, Street 2, F-7, Islamabad",
        Phone = "051 2345678",
        PublicEmail = "hello@dynamicclinic.example",
        OpeningHours = "Monday to Saturday: 10:00 to 19:00\r\nSunday: closed",
        Version = Guid.NewGuid(),
    };

    private static List<string> Fields(ClinicSettingsForm form) => Validator.Validate(form).Errors.Select(e => e.PropertyName).ToList();

    [Fact]
    public void AValidFormPasses() => Assert.Empty(Fields(Valid()));

    [Theory]
    [InlineData("051 2345678")]
    [InlineData("+92 51 2345678")]
    [InlineData("0300 1234567")]
    public void ClinicLandlinesAndMobilesAreAccepted(string phone)
    {
        var form = Valid();
        form.Phone = phone;

        Assert.Empty(Fields(form));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("call us")]
    [InlineData("+92 51 000 0000")]
    public void PhoneNumbersThatDoNotExistAreRefusedOnce(string phone)
    {
        var form = Valid();
        form.Phone = phone;

        Assert.Equal([nameof(ClinicSettingsForm.Phone)], Fields(form));
    }

    [Fact]
    public void AnEmptyNumberBoxIsOneMessageBesideThatBox()
    {
        var form = Valid();
        form.HorizonDays = null;
        form.BufferMinutes = null;

        Assert.Equal([nameof(ClinicSettingsForm.BufferMinutes), nameof(ClinicSettingsForm.HorizonDays)], Fields(form).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void TheSettingsOwnRulesReachTheirFields()
    {
        var form = Valid();
        form.SlotStepMinutes = 25;
        form.ReminderLeadHours = 0;
        form.PublicEmail = "nope";

        Assert.Equal(
            [nameof(ClinicSettingsForm.PublicEmail), nameof(ClinicSettingsForm.ReminderLeadHours), nameof(ClinicSettingsForm.SlotStepMinutes)],
            Fields(form).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void PhoneIsStoredInInternationalFormAndHoursWithoutCarriageReturns()
    {
        var settings = new Domain.Settings.ClinicSettings();

        Valid().ApplyTo(settings);

        Assert.Equal("+92 51 2345678", settings.Phone);
        Assert.Equal("Monday to Saturday: 10:00 to 19:00\nSunday: closed", settings.OpeningHours);
    }
}
