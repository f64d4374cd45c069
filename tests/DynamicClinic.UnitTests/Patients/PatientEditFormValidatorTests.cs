using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Patients;

namespace DynamicClinic.UnitTests.Patients;

/// <summary>Reception's edit accepts exactly the names, numbers and emails online booking accepts (bar an empty email).</summary>
public class PatientEditFormValidatorTests
{
    private static readonly PatientEditFormValidator Edit = new();
    private static readonly PatientDetailsFormValidator Booking = DynamicClinic.UnitTests.Booking.BookingValidators.Details();

    public static TheoryData<string> Names() => new()
    {
        "", " ", "A", "Al", "Amna Siddiqui", "  Amna  ", new string('a', 100), new string('a', 101), "Bad\u0007Name", "Line\nBreak", "عائشہ خان",
    };

    public static TheoryData<string> Phones() => new()
    {
        "", " ", "0300 1234567", "+92 300 1234567", "923001234567", "03001234567", "0300-123-4567", "051 1234567", "12345",
        "+44 7700 900123", "0300 12345678", new string('1', 31), "not a number",
    };

    public static TheoryData<string> Emails() => new()
    {
        "name@example.com", "a@b", "not-an-email", "@example.com", "name@", new string('e', 250) + "@example.test", "two@@example.com",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void NamesAreJudgedAsOnlineBookingJudgesThem(string name) =>
        Assert.Equal(BookingAccepts(nameof(PatientDetailsForm.FullName), name: name), EditAccepts(nameof(PatientEditForm.FullName), name: name));

    [Theory]
    [MemberData(nameof(Phones))]
    public void PhonesAreJudgedAsOnlineBookingJudgesThem(string phone) =>
        Assert.Equal(BookingAccepts(nameof(PatientDetailsForm.Phone), phone: phone), EditAccepts(nameof(PatientEditForm.Phone), phone: phone));

    [Theory]
    [MemberData(nameof(Emails))]
    public void EmailsAreJudgedAsOnlineBookingJudgesThem(string email) =>
        Assert.Equal(BookingAccepts(nameof(PatientDetailsForm.Email), email: email), EditAccepts(nameof(PatientEditForm.Email), email: email));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void AnEmptyEmailIsAllowedForPatientsWithoutOne(string? email)
    {
        Assert.True(EditAccepts(nameof(PatientEditForm.Email), email: email));
        Assert.False(BookingAccepts(nameof(PatientDetailsForm.Email), email: email ?? ""));
    }

    [Fact]
    public void AFormWithoutItsVersionIsRefused()
    {
        var result = Edit.Validate(new PatientEditForm { FullName = "Amna Siddiqui", Phone = "0300 1234567" });

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(PatientEditForm.Version));
    }

    private static bool EditAccepts(string property, string name = "Amna Siddiqui", string phone = "0300 1234567", string? email = "amna@example.com") =>
        Edit.Validate(new PatientEditForm { FullName = name, Phone = phone, Email = email, Version = Guid.NewGuid() }).Errors.All(e => e.PropertyName != property);

    private static bool BookingAccepts(string property, string name = "Amna Siddiqui", string phone = "0300 1234567", string email = "amna@example.com") =>
        Booking.Validate(new PatientDetailsForm { FullName = name, Phone = phone, Email = email, MainConcern = "thinning", Consent = true }).Errors.All(e => e.PropertyName != property);
}
