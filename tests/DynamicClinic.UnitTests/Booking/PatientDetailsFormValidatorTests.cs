using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>The online form's optional date of birth, and Urdu names as patients type them.</summary>
public class PatientDetailsFormValidatorTests
{
    // Friday 27 November 2026, 10:00 in Islamabad.
    private static readonly PatientDetailsFormValidator Validator = BookingValidators.Details(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero)));

    private static PatientDetailsForm Form(string? dateOfBirth = null, string name = "Amna Siddiqui") => new()
    {
        FullName = name,
        Phone = "0300 1234567",
        Channel = "WhatsApp",
        MainConcern = "thinning",
        Consent = true,
        DateOfBirth = dateOfBirth,
    };

    private static string? ErrorFor(PatientDetailsForm form, string property) =>
        Validator.Validate(form).Errors.FirstOrDefault(e => e.PropertyName == property)?.ErrorMessage;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1990-04-23")]
    [InlineData("2026-11-27")]
    [InlineData("1906-11-27")]
    public void ADateOfBirthIsOptionalAndAnyBelievableOneIsAccepted(string? dateOfBirth) =>
        Assert.Null(ErrorFor(Form(dateOfBirth), nameof(PatientDetailsForm.DateOfBirth)));

    [Theory]
    [InlineData("2026-11-28", "future")]
    [InlineData("2030-01-01", "future")]
    [InlineData("1906-11-26", "120 years")]
    [InlineData("1800-01-01", "120 years")]
    [InlineData("23/04/1990", "for example")]
    [InlineData("yesterday", "for example")]
    public void ADateOfBirthInTheFutureOrOver120YearsAgoOrNotADateIsRefused(string dateOfBirth, string says)
    {
        var error = ErrorFor(Form(dateOfBirth), nameof(PatientDetailsForm.DateOfBirth));
        Assert.NotNull(error);
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AGivenDateOfBirthIsReadAsADate()
    {
        Assert.Equal(new DateOnly(1990, 4, 23), Form("1990-04-23").BornOn);
        Assert.Null(Form("").BornOn);
        Assert.Null(Form("1990-13-01").BornOn);
    }

    [Theory]
    [InlineData("محمد علی")]
    [InlineData("مُحَمَّد عَلِی")] // with diacritics (zabar, pesh, shadd, zer)
    [InlineData("عائشہ\u200Cخان")] // with a zero-width non-joiner
    [InlineData("\u200Fمحمد علی")] // a right-to-left mark, as some keyboards put in
    public void UrduNamesWithDiacriticsAndTheZeroWidthNonJoinerAreAccepted(string name) =>
        Assert.Null(ErrorFor(Form(name: name), nameof(PatientDetailsForm.FullName)));

    [Theory]
    [InlineData("محمد\u0000علی")]
    [InlineData("محمد\u0007علی")]
    [InlineData("محمد\u202Eعلی")]
    [InlineData("محمد\u2067علی")]
    public void ControlCharactersAndDirectionOverridesInAnUrduNameAreStillRefused(string name) =>
        Assert.NotNull(ErrorFor(Form(name: name), nameof(PatientDetailsForm.FullName)));

    [Fact]
    public void OnAnUrduPageTheMessagesAreInUrdu()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("ur-PK");
        try
        {
            Assert.Equal("آپ کا نام زیادہ سے زیادہ 100 حروف کا ہو سکتا ہے۔", ErrorFor(Form(name: new string('ع', 101)), nameof(PatientDetailsForm.FullName)));
            Assert.Equal("تاریخِ پیدائش آنے والی تاریخ نہیں ہو سکتی۔", ErrorFor(Form("2027-01-01"), nameof(PatientDetailsForm.DateOfBirth)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("ur", PatientLanguage.Urdu)]
    [InlineData("ur-PK", PatientLanguage.Urdu)]
    [InlineData("en", PatientLanguage.English)]
    [InlineData("en-GB", PatientLanguage.English)]
    [InlineData("", PatientLanguage.English)]
    [InlineData(null, PatientLanguage.English)]
    public void TheBookingLanguageFollowsThePagesCulture(string? culture, PatientLanguage expected) =>
        Assert.Equal(expected, PatientLanguages.FromCulture(culture));
}
