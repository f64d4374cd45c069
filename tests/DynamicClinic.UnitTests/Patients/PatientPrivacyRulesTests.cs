using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Patients;

namespace DynamicClinic.UnitTests.Patients;

public class PatientPrivacyRulesTests
{
    [Theory]
    [InlineData(AppointmentStatus.Arrived, true)]
    [InlineData(AppointmentStatus.Completed, true)]
    [InlineData(AppointmentStatus.Booked, false)]
    [InlineData(AppointmentStatus.NoShow, false)]
    [InlineData(AppointmentStatus.Cancelled, false)]
    public void OnlyAnAppointmentThePatientCameToCountsAsClinical(AppointmentStatus status, bool clinical) =>
        Assert.Equal(clinical, PatientPrivacyRules.CountsAsAttended(status));

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public void AnyNotePlanOrAttendedVisitIsAClinicalRecord(int notes, int plans, int attended)
    {
        var facts = new ClinicalRecordFacts(notes, plans, attended);

        Assert.True(facts.Exists);
        Assert.Equal([PrivacyDecision.Anonymise, PrivacyDecision.Keep], PatientPrivacyRules.Allowed(facts, mergedAway: false, anonymised: false));
    }

    [Fact]
    public void APatientWithNoClinicalRecordCanBeErasedOrKeptButNotAnonymised()
    {
        Assert.Equal([PrivacyDecision.Erase, PrivacyDecision.Keep], PatientPrivacyRules.Allowed(ClinicalRecordFacts.None, mergedAway: false, anonymised: false));
        Assert.Null(PatientPrivacyRules.Refusal(PrivacyDecision.Erase, ClinicalRecordFacts.None, false, false));
        Assert.Contains("erase the record instead", PatientPrivacyRules.Refusal(PrivacyDecision.Anonymise, ClinicalRecordFacts.None, false, false), StringComparison.Ordinal);
    }

    [Fact]
    public void ErasingAPatientWithAClinicalRecordIsRefusedNamingWhatIsHeld()
    {
        var refusal = PatientPrivacyRules.Refusal(PrivacyDecision.Erase, new ClinicalRecordFacts(2, 1, 3), false, false);

        Assert.Equal(
            "This patient can't be erased: the clinic holds a clinical record (2 session notes, 1 session plan and 3 attended appointments), which must be kept. Anonymise the record, or keep it and record why.",
            refusal);
    }

    [Fact]
    public void AnAnonymisedRecordCanOnlyBeKept()
    {
        var facts = new ClinicalRecordFacts(1, 0, 1);

        Assert.Equal([PrivacyDecision.Keep], PatientPrivacyRules.Allowed(facts, mergedAway: false, anonymised: true));
        Assert.Equal("This record is already anonymised.", PatientPrivacyRules.Refusal(PrivacyDecision.Anonymise, facts, false, true));
        Assert.NotNull(PatientPrivacyRules.Refusal(PrivacyDecision.Erase, facts, false, true));
    }

    [Fact]
    public void ARecordMergedAwayIsAnsweredOnTheRecordItWasMergedInto()
    {
        Assert.Empty(PatientPrivacyRules.Allowed(ClinicalRecordFacts.None, mergedAway: true, anonymised: false));
        Assert.Contains("merged into another", PatientPrivacyRules.Refusal(PrivacyDecision.Keep, ClinicalRecordFacts.None, true, false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42", true)]
    [InlineData(" 42 ", true)]
    [InlineData("Record 42", true)]
    [InlineData("record42", true)]
    [InlineData("420", false)]
    [InlineData("4", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TheConfirmationMustNameThisRecord(string? typed, bool confirms) =>
        Assert.Equal(confirms, PatientPrivacyRules.Confirms(typed, 42));

    [Fact]
    public void AnAnonymisedRecordIsNamedByItsNumberAndHasANumberNoPatientCanType()
    {
        Assert.Equal("Anonymised patient 7", PatientPrivacyRules.AnonymisedName(7));
        Assert.Equal("", PatientPrivacyRules.AnonymisedPhone);
    }

    [Fact]
    public void FactsReadAsASentence()
    {
        Assert.Equal("no clinical record", ClinicalRecordFacts.None.Describe());
        Assert.Equal("1 session note", new ClinicalRecordFacts(1, 0, 0).Describe());
        Assert.Equal("1 session plan and 2 attended appointments", new ClinicalRecordFacts(0, 1, 2).Describe());
    }
}
