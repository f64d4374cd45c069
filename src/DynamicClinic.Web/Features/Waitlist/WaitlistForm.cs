using DynamicClinic.Domain.Waitlist;
using DynamicClinic.Web.Features.TimeOff;
using DynamicClinic.Web.Infrastructure.Validation;
using FluentValidation;

namespace DynamicClinic.Web.Features.Waitlist;

/// <summary>Reception puts a patient on the waitlist: what, with whom, which days, which hours, until when.</summary>
public sealed class WaitlistForm
{
    public int PatientId { get; set; }

    public int TreatmentId { get; set; }

    /// <summary>None chosen: any clinician who offers the treatment.</summary>
    public List<int> ClinicianIds { get; set; } = [];

    public List<DayOfWeek> Days { get; set; } = [];

    public string EarliestTime { get; set; } = "09:00";

    public string LatestTime { get; set; } = "18:00";

    public string UntilDate { get; set; } = "";
}

public sealed class WaitlistFormValidator : AbstractValidator<WaitlistForm>
{
    public WaitlistFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(f => f.PatientId).GreaterThan(0).WithMessage("Choose the patient from their record.");
        RuleFor(f => f.TreatmentId).GreaterThan(0).WithMessage("Choose a treatment.");
        RuleFor(f => f.Days).NotEmpty().WithMessage("Choose at least one day the patient can come.");
        RuleForEach(f => f.Days).IsInEnum().WithMessage("Choose days from the list.");
        RuleFor(f => f.ClinicianIds).Must(ids => ids.Count <= 20 && ids.All(id => id > 0)).WithMessage("Choose clinicians from the list.");
        RuleFor(f => f.EarliestTime).Must(t => BlockTimeForm.TryTime(t, out _)).WithMessage("Enter the earliest time, like 09:00.");
        RuleFor(f => f.LatestTime)
            .Must(t => BlockTimeForm.TryTime(t, out _)).WithMessage("Enter the latest time, like 17:00.")
            .Must((f, t) => !BlockTimeForm.TryTime(f.EarliestTime, out var from) || (BlockTimeForm.TryTime(t, out var to) && to > from))
            .WithMessage("The latest time must be after the earliest.");
        RuleFor(f => f.UntilDate).ClinicDate("Enter the last date the patient wants a time on.");
    }
}

/// <summary>One waiting entry as reception's list shows it.</summary>
public sealed record WaitlistLine(int Id, int PatientId, string PatientName, string Phone, string Treatment, string Clinicians, string Days, string Window, string Until, string Added);

/// <summary>One offer as reception's list shows it: whom to call, for what time, until when.</summary>
public sealed record OfferLine(int Id, int Rank, string PatientName, string Phone, string Treatment, string Clinician, string When, string Expires, WaitlistOfferStatus Status, bool IsOpen);

public sealed record WaitlistPageViewModel(IReadOnlyList<OfferLine> Offers, IReadOnlyList<WaitlistLine> Waiting, string OfferValidFor);

public sealed record WaitlistNewViewModel(
    WaitlistForm Form,
    string? PatientName,
    IReadOnlyList<(int Id, string Name)> Treatments,
    IReadOnlyList<(int Id, string Name)> Clinicians,
    string? Problem);
