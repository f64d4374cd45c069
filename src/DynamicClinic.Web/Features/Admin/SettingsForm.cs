using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.Settings;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;
using PhoneNumbers;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>The clinic's settings as the admin form posts them; numbers are nullable so an empty box is a message, not a zero.</summary>
public sealed class ClinicSettingsForm
{
    public int? SlotStepMinutes { get; set; }

    public int? BufferMinutes { get; set; }

    public int? MinimumNoticeHours { get; set; }

    public int? HorizonDays { get; set; }

    public int? CancellationCutoffHours { get; set; }

    public int? ReminderLeadHours { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    public string? PublicEmail { get; set; }

    /// <summary>One line each.</summary>
    public string? OpeningHours { get; set; }

    public bool RequireStaffTwoFactor { get; set; }

    public bool MessagesNameTreatment { get; set; }

    /// <summary>The version the admin saw; saving over another version is refused.</summary>
    public Guid Version { get; set; }

    public static ClinicSettingsForm From(ClinicSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ClinicSettingsForm
        {
            SlotStepMinutes = settings.SlotStepMinutes,
            BufferMinutes = settings.BufferMinutes,
            MinimumNoticeHours = settings.MinimumNoticeHours,
            HorizonDays = settings.HorizonDays,
            CancellationCutoffHours = settings.CancellationCutoffHours,
            ReminderLeadHours = settings.ReminderLeadHours,
            Address = settings.Address,
            Phone = settings.Phone,
            PublicEmail = settings.PublicEmail,
            OpeningHours = string.Join('\n', settings.OpeningHoursLines),
            RequireStaffTwoFactor = settings.RequireStaffTwoFactor,
            MessagesNameTreatment = settings.MessagesNameTreatment,
            Version = settings.Version,
        };
    }

    /// <summary>Copies the form onto <paramref name="settings"/>; empty numbers keep the stored value (the validator refuses them first).</summary>
    public void ApplyTo(ClinicSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.SlotStepMinutes = SlotStepMinutes ?? settings.SlotStepMinutes;
        settings.BufferMinutes = BufferMinutes ?? settings.BufferMinutes;
        settings.MinimumNoticeHours = MinimumNoticeHours ?? settings.MinimumNoticeHours;
        settings.HorizonDays = HorizonDays ?? settings.HorizonDays;
        settings.CancellationCutoffHours = CancellationCutoffHours ?? settings.CancellationCutoffHours;
        settings.ReminderLeadHours = ReminderLeadHours ?? settings.ReminderLeadHours;
        settings.Address = (Address ?? "").Trim();
        settings.Phone = ClinicPhone.Display(Phone) ?? (Phone ?? "").Trim();
        settings.PublicEmail = (PublicEmail ?? "").Trim();
        settings.OpeningHours = ClinicSettings.JoinLines(ClinicSettings.SplitLines(OpeningHours?.Replace("\r", "", StringComparison.Ordinal)));
        settings.RequireStaffTwoFactor = RequireStaffTwoFactor;
        settings.MessagesNameTreatment = MessagesNameTreatment;
    }
}

/// <summary>The clinic's own phone number: any valid Pakistani number (landlines included), shown in international form.</summary>
public static class ClinicPhone
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number as <c>+92 51 2345678</c>, or null when libphonenumber does not recognise it as a valid number.</summary>
    public static string? Display(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 30)
        {
            return null;
        }

        try
        {
            var number = Util.Parse(input, Patients.PatientPhone.DefaultRegion);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.INTERNATIONAL) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}

/// <summary>
/// Every field of the settings form: a number in each box, a phone number that exists, then the settings' own rules
/// (<see cref="ClinicSettings.Validate"/>), each message beside its field.
/// </summary>
public sealed class ClinicSettingsFormValidator : AbstractValidator<ClinicSettingsForm>
{
    public ClinicSettingsFormValidator()
    {
        RuleFor(f => f.SlotStepMinutes).NotNull().WithMessage($"Choose a slot step: {string.Join(", ", AvailabilityRules.AllowedStepMinutes)} minutes.");
        RuleFor(f => f.BufferMinutes).NotNull().WithMessage("Enter the buffer in minutes (0 for none).");
        RuleFor(f => f.MinimumNoticeHours).NotNull().WithMessage("Enter the minimum notice in hours (0 for none).");
        RuleFor(f => f.HorizonDays).NotNull().WithMessage("Enter how many days ahead patients can book.");
        RuleFor(f => f.CancellationCutoffHours).NotNull().WithMessage("Enter the cancellation cutoff in hours (0 to allow changes until the start).");
        RuleFor(f => f.ReminderLeadHours).NotNull().WithMessage("Enter how many hours before an appointment the reminder goes.");
        RuleFor(f => f.Address).PlainMultiLineText();
        RuleFor(f => f.OpeningHours).PlainMultiLineText();
        RuleFor(f => f.PublicEmail).PlainText();
        RuleFor(f => f.Phone)
            .PlainText()
            .Must(p => string.IsNullOrWhiteSpace(p) || p.Length > ClinicSettings.PhoneMaxLength || ClinicPhone.Display(p) is not null)
            .WithMessage("Enter a phone number the clinic answers, e.g. +92 51 2345678 or 0300 1234567.");

        RuleFor(f => f).Custom((form, context) =>
        {
            // The settings' own rules, on a copy; fields already refused above are not reported twice.
            var candidate = new ClinicSettings
            {
                SlotStepMinutes = form.SlotStepMinutes ?? AvailabilityRules.AllowedStepMinutes[0],
                BufferMinutes = form.BufferMinutes ?? 0,
                MinimumNoticeHours = form.MinimumNoticeHours ?? 0,
                HorizonDays = form.HorizonDays ?? ClinicSettings.MaxHorizonDays,
                CancellationCutoffHours = form.CancellationCutoffHours ?? 0,
                ReminderLeadHours = form.ReminderLeadHours ?? ClinicSettings.MinReminderLeadHours,
            };
            form.ApplyTo(candidate);
            foreach (var problem in candidate.Validate())
            {
                var refusedAlready = problem.Field switch
                {
                    nameof(ClinicSettings.SlotStepMinutes) => form.SlotStepMinutes is null,
                    nameof(ClinicSettings.BufferMinutes) => form.BufferMinutes is null,
                    nameof(ClinicSettings.MinimumNoticeHours) => form.MinimumNoticeHours is null || form.HorizonDays is null,
                    nameof(ClinicSettings.HorizonDays) => form.HorizonDays is null,
                    nameof(ClinicSettings.CancellationCutoffHours) => form.CancellationCutoffHours is null,
                    nameof(ClinicSettings.ReminderLeadHours) => form.ReminderLeadHours is null,
                    nameof(ClinicSettings.Phone) => !string.IsNullOrWhiteSpace(form.Phone) && ClinicPhone.Display(form.Phone) is null && form.Phone.Length <= ClinicSettings.PhoneMaxLength,
                    _ => false,
                };
                if (!refusedAlready)
                {
                    context.AddFailure(problem.Field, problem.Message);
                }
            }
        });
    }
}
