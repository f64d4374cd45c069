using DynamicClinic.Domain.Patients;

namespace DynamicClinic.UnitTests.Patients;

public class ChartAccessRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 5, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(true, false, false, false, ChartAccess.Full)]
    [InlineData(false, true, true, false, ChartAccess.Full)]
    [InlineData(false, true, false, true, ChartAccess.Full)]
    [InlineData(false, true, false, false, ChartAccess.ReasonNeeded)]
    [InlineData(false, false, false, false, ChartAccess.None)]
    [InlineData(false, false, true, true, ChartAccess.None)]
    public void DecidesByRoleAndRelationship(bool admin, bool clinician, bool treats, bool gaveReason, ChartAccess expected) =>
        Assert.Equal(expected, ChartAccessRules.Decide(admin, clinician, treats, gaveReason));

    [Fact]
    public void AnAppointmentUpTo30DaysAheadMakesATreatingClinician()
    {
        Assert.Equal(Now.AddDays(30), ChartAccessRules.TreatingUntilUtc(Now));
    }

    [Fact]
    public void AReasonOpensTheChartFor12HoursNotForEver()
    {
        var since = ChartAccessRules.ReasonsSinceUtc(Now);
        Assert.True(Now.AddHours(-11) >= since);
        Assert.False(Now.AddHours(-13) >= since);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   need it   ")]
    public void AShortReasonIsRefused(string? reason) => Assert.NotNull(ChartAccessRules.ReasonProblem(reason));

    [Fact]
    public void AReasonOfTenCharactersToFiveHundredIsAccepted()
    {
        Assert.Null(ChartAccessRules.ReasonProblem("Covering Dr Khan today"));
        Assert.Null(ChartAccessRules.ReasonProblem(new string('a', ChartAccessRules.ReasonMaxLength)));
        Assert.NotNull(ChartAccessRules.ReasonProblem(new string('a', ChartAccessRules.ReasonMaxLength + 1)));
    }
}

public class PatientClinicalRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData(1990, 11, 27, 36)]
    [InlineData(1990, 11, 28, 35)]
    [InlineData(2000, 2, 29, 26)]
    public void AgeCountsFullYears(int year, int month, int day, int expected) =>
        Assert.Equal(expected, PatientClinicalRules.Age(new DateOnly(year, month, day), Today));

    [Fact]
    public void ADateOfBirthInTheFutureOrBefore1900IsRefused()
    {
        Assert.NotNull(PatientClinicalRules.DateOfBirthProblem(Today.AddDays(1), Today));
        Assert.NotNull(PatientClinicalRules.DateOfBirthProblem(new DateOnly(1899, 12, 31), Today));
        Assert.Null(PatientClinicalRules.DateOfBirthProblem(Today, Today));
        Assert.Null(PatientClinicalRules.DateOfBirthProblem(null, Today));
    }
}

public class PatientClinicalMergeTests
{
    private static Patient Record(string name) => new() { FullName = name, PhoneE164 = "+923001234567" };

    [Fact]
    public void TheKeptRecordKeepsItsOwnValuesAndTakesWhatItLacks()
    {
        var kept = Record("Kept");
        kept.Sex = PatientSex.Female;
        var other = Record("Other");
        other.Sex = PatientSex.Male;
        other.DateOfBirth = new DateOnly(1980, 1, 1);
        other.SecondContactName = "Second";
        other.SecondContactPhoneE164 = "+923009999999";

        PatientClinicalRules.MergeInto(kept, other);

        Assert.Equal(PatientSex.Female, kept.Sex);
        Assert.Equal(new DateOnly(1980, 1, 1), kept.DateOfBirth);
        Assert.Equal("Second", kept.SecondContactName);
        Assert.Equal("+923009999999", kept.SecondContactPhoneE164);
    }

    [Fact]
    public void AllergiesFromBothRecordsAreKeptOnceEach()
    {
        var kept = Record("Kept");
        kept.Allergies = "Latex";
        var other = Record("Other");
        other.Allergies = "latex";
        PatientClinicalRules.MergeInto(kept, other);
        Assert.Equal("Latex", kept.Allergies);

        other.Allergies = "Iodine";
        PatientClinicalRules.MergeInto(kept, other);
        Assert.Equal("Latex\nIodine", kept.Allergies);
    }

    [Fact]
    public void TeachingUseNeedsConsentOnBothRecords()
    {
        var kept = Record("Kept");
        kept.ConsentsToTeachingUse = true;
        kept.ConsentsToClinicalPhotos = true;
        var other = Record("Other");

        PatientClinicalRules.MergeInto(kept, other);

        Assert.True(kept.ConsentsToClinicalPhotos);
        Assert.False(kept.ConsentsToTeachingUse);
    }

    [Fact]
    public void AnonymisingDropsTheDateOfBirthAndSecondContactButKeepsAllergies()
    {
        var patient = Record("Anon");
        patient.DateOfBirth = new DateOnly(1980, 1, 1);
        patient.SecondContactName = "Second";
        patient.SecondContactPhoneE164 = "+923009999999";
        patient.Allergies = "Latex";
        patient.ConsentsToTeachingUse = true;

        PatientClinicalRules.Anonymise(patient);

        Assert.Null(patient.DateOfBirth);
        Assert.Null(patient.SecondContactName);
        Assert.Null(patient.SecondContactPhoneE164);
        Assert.False(patient.ConsentsToTeachingUse);
        Assert.Equal("Latex", patient.Allergies);
    }
}
