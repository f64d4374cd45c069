using DynamicClinic.Domain.Notes;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Domain.Text;
using DynamicClinic.Web.Features.Admin;
using DynamicClinic.Web.Features.Appointments;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Privacy;
using DynamicClinic.Web.Features.SessionPlans;
using DynamicClinic.Web.Features.TimeOff;
using FluentValidation;

namespace DynamicClinic.UnitTests.Text;

/// <summary>Every free-text field of every form keeps the one text rule: Urdu in, control and override characters out.</summary>
public class FreeTextFieldsTests
{
    private const string Override = "Amna \u202Eiuqiddis";
    private const string Nul = "Amna\0 Siddiqui";

    /// <summary>A valid form of each kind, with one field set by the test.</summary>
    public static TheoryData<string, string> Fields() => new()
    {
        { nameof(PatientDetailsForm), nameof(PatientDetailsForm.FullName) },
        { nameof(PatientDetailsForm), nameof(PatientDetailsForm.Email) },
        { nameof(PatientDetailsForm), nameof(PatientDetailsForm.Message) },
        { nameof(PatientEditForm), nameof(PatientEditForm.FullName) },
        { nameof(PatientEditForm), nameof(PatientEditForm.Email) },
        { nameof(NewAppointmentForm), nameof(NewAppointmentForm.FullName) },
        { nameof(NewAppointmentForm), nameof(NewAppointmentForm.Email) },
        { nameof(NewAppointmentForm), nameof(NewAppointmentForm.Note) },
        { nameof(CancelForm), nameof(CancelForm.Reason) },
        { nameof(BlockTimeForm), nameof(BlockTimeForm.Reason) },
        { nameof(EndPlanForm), nameof(EndPlanForm.Reason) },
        { nameof(TimeOffForm), nameof(TimeOffForm.Reason) },
        { nameof(ClosureForm), nameof(ClosureForm.Reason) },
        { nameof(TreatmentForm), nameof(TreatmentForm.Name) },
        { nameof(TreatmentForm), nameof(TreatmentForm.Summary) },
        { nameof(NewStaffForm), nameof(NewStaffForm.DisplayName) },
        { nameof(NewStaffForm), nameof(NewStaffForm.Email) },
        { nameof(NewStaffForm), nameof(NewStaffForm.ClinicianTitle) },
        { nameof(ClinicianProfileForm), nameof(ClinicianProfileForm.DisplayName) },
        { nameof(ClinicianProfileForm), nameof(ClinicianProfileForm.Title) },
        { nameof(ClinicianProfileForm), nameof(ClinicianProfileForm.Bio) },
        { nameof(PrivacyDecisionForm), nameof(PrivacyDecisionForm.Reason) },
        { nameof(ClinicSettingsForm), nameof(ClinicSettingsForm.Address) },
        { nameof(ClinicSettingsForm), nameof(ClinicSettingsForm.OpeningHours) },
        { nameof(ClinicSettingsForm), nameof(ClinicSettingsForm.PublicEmail) },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void ANulOrADirectionOverrideIsRefusedBesideTheField(string form, string field)
    {
        // An email field first asks for an @: its bad values have one, so the text rule is what refuses them.
        string[] values = field.EndsWith("Email", StringComparison.Ordinal) ? ["amna\u202E@example.test", "amna\0@example.test"] : [Override, Nul];
        foreach (var bad in values)
        {
            var errors = Validate(form, field, bad);

            Assert.Contains(errors, e => e.PropertyName == field && e.ErrorMessage == TextRules.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void TheValidFormIsAccepted(string form, string field) =>
        Assert.Empty(Validate(form, field, null));

    [Theory]
    [InlineData(nameof(PatientDetailsForm), nameof(PatientDetailsForm.FullName))]
    [InlineData(nameof(PatientDetailsForm), nameof(PatientDetailsForm.Message))]
    [InlineData(nameof(PatientEditForm), nameof(PatientEditForm.FullName))]
    [InlineData(nameof(NewAppointmentForm), nameof(NewAppointmentForm.FullName))]
    [InlineData(nameof(CancelForm), nameof(CancelForm.Reason))]
    [InlineData(nameof(ClinicianProfileForm), nameof(ClinicianProfileForm.DisplayName))]
    public void UrduIsAccepted(string form, string field) =>
        Assert.Empty(Validate(form, field, "محمد علی"));

    [Fact]
    public void APhaseNameWithAnOverrideIsRefused()
    {
        var form = (TreatmentForm)ValidForm(nameof(TreatmentForm));
        form.Phases.Add(new PhaseRow { Name = "Initial\u202E", MinSessions = 1, MaxSessions = 2, DefaultSessions = 1, IntervalCount = 1 });

        Assert.Contains(new TreatmentFormValidator().Validate(form).Errors, e => e.ErrorMessage == TextRules.Message);
    }

    [Fact]
    public void NoteTextWithAControlCharacterIsRefusedButLineBreaksAreKept()
    {
        var bad = new NoteContent { ScalpAssessment = "Mild\u0007 thinning", NextTime = "Line one\nLine two" };

        var errors = NoteContentValidator.Validate(NoteKind.Session, bad, ["mesotherapy"], forSigning: false);

        Assert.Equal([nameof(NoteContent.ScalpAssessment)], errors.Select(e => e.Field));
    }

    private static List<FluentValidation.Results.ValidationFailure> Validate(string form, string field, string? value)
    {
        var model = ValidForm(form);
        if (value is not null)
        {
            model.GetType().GetProperty(field)!.SetValue(model, value);
        }

        var type = typeof(PatientDetailsFormValidator).Assembly.GetTypes().Single(t => t.Name == form + "Validator");
        // The online form's validator knows today's date (a date of birth can't be in the future).
        var validator = (IValidator)(type == typeof(PatientDetailsFormValidator)
            ? DynamicClinic.UnitTests.Booking.BookingValidators.Details()
            : Activator.CreateInstance(type)!);
        return validator.Validate(new ValidationContext<object>(model)).Errors;
    }

    private static object ValidForm(string form) => form switch
    {
        nameof(PatientDetailsForm) => new PatientDetailsForm { FullName = "Amna Siddiqui", Phone = "0300 1234567", Email = "amna@example.test", MainConcern = "thinning", Message = "Since last year.\nAt the crown.", Consent = true },
        nameof(PatientEditForm) => new PatientEditForm { FullName = "Amna Siddiqui", Phone = "0300 1234567", Email = "amna@example.test", Version = Guid.NewGuid() },
        nameof(NewAppointmentForm) => new NewAppointmentForm { FullName = "Amna Siddiqui", Phone = "0300 1234567", Email = "amna@example.test", TreatmentId = 1, Slot = "1-20261201T0500Z", Note = "Prefers mornings." },
        nameof(CancelForm) => new CancelForm { Reason = "Patient asked" },
        nameof(BlockTimeForm) => new BlockTimeForm { ClinicianId = 1, Date = "2026-12-01", From = "10:00", To = "11:00", Reason = "Training" },
        nameof(EndPlanForm) => new EndPlanForm { Outcome = "Discontinued", Reason = "Moving abroad" },
        nameof(TimeOffForm) => new TimeOffForm { From = "2026-12-01", To = "2026-12-02", Reason = "Annual leave" },
        nameof(ClosureForm) => new ClosureForm { Date = "2026-12-25", Reason = "Quaid-e-Azam Day" },
        nameof(TreatmentForm) => new TreatmentForm { Name = "Mesotherapy", Slug = "mesotherapy", Summary = "Small injections.\nFor thinning hair." },
        nameof(NewStaffForm) => new NewStaffForm { DisplayName = "Sana Malik", Email = "sana@dynamicclinic.test", Roles = ["Clinician"], ClinicianProfile = NewStaffForm.NewProfile, ClinicianTitle = "Dermatologist" },
        nameof(ClinicianProfileForm) => new ClinicianProfileForm { DisplayName = "Dr Ayesha Khan", Title = "Dermatologist", Bio = "Ten years.\nHair clinic." },
        nameof(PrivacyDecisionForm) => new PrivacyDecisionForm { Decision = PrivacyDecision.Keep, Reason = "Patient asked to be forgotten; records kept by law." },
        nameof(ClinicSettingsForm) => new ClinicSettingsForm
        {
            SlotStepMinutes = 15,
            BufferMinutes = 0,
            MinimumNoticeHours = 2,
            HorizonDays = 60,
            CancellationCutoffHours = 24,
            ReminderLeadHours = 24,
            Address = "12 Jinnah Avenue\nIslamabad",
            Phone = "+92 51 2345678",
            PublicEmail = "hello@dynamicclinic.test",
            OpeningHours = "Mon-Sat 10:00-18:00",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };
}
