using DynamicClinic.Domain.Patients;

namespace DynamicClinic.UnitTests.Patients;

public class PatientIdentityTests
{
    private static Patient Record(string name = "Nasreen Akhtar", string phone = "+923007770001", string? email = "nasreen@example.test") =>
        new() { Id = 1, FullName = name, PhoneE164 = phone, Email = email };

    [Theory]
    [InlineData("  MUHAMMAD   Alí  ", "muhammad ali")]
    [InlineData("Zoë\tKhan", "zoe khan")]
    [InlineData("محمدِ علی", "محمد علی")]
    [InlineData("", "")]
    public void NormaliseNameFoldsCaseSpacingAndAccents(string input, string expected) =>
        Assert.Equal(expected, PatientIdentity.NormaliseName(input));

    [Fact]
    public void SamePhoneAndSameNameIsTheSamePerson() =>
        Assert.True(PatientIdentity.IsSamePerson(Record(), " nasreen  AKHTAR", "+923007770001", null));

    [Fact]
    public void SamePhoneAndSameEmailIsTheSamePersonWhateverTheName() =>
        Assert.True(PatientIdentity.IsSamePerson(Record(), "N. Akhtar", "+923007770001", "Nasreen@Example.test "));

    [Fact]
    public void SamePhoneAloneIsNotTheSamePerson() =>
        Assert.False(PatientIdentity.IsSamePerson(Record(), "Bilal Akhtar", "+923007770001", "bilal@example.test"));

    [Fact]
    public void SamePhoneWithoutEmailsOnEitherSideNeedsTheName() =>
        Assert.False(PatientIdentity.IsSamePerson(Record(email: null), "Bilal Akhtar", "+923007770001", null));

    [Fact]
    public void SameNameOnAnotherPhoneIsNotTheSamePerson() =>
        Assert.False(PatientIdentity.IsSamePerson(Record(), "Nasreen Akhtar", "+923007770009", "nasreen@example.test"));

    [Fact]
    public void ASharedPhoneOrEmailMightBeTheSamePerson()
    {
        Assert.True(PatientIdentity.MightBeSamePerson(Record(), "+923007770001", null));
        Assert.True(PatientIdentity.MightBeSamePerson(Record(), "+923007770009", "NASREEN@example.test"));
        Assert.False(PatientIdentity.MightBeSamePerson(Record(), "+923007770009", "other@example.test"));
    }
}
