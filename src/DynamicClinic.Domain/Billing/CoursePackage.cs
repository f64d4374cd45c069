namespace DynamicClinic.Domain.Billing;

/// <summary>
/// Sessions of a treatment a patient paid for in advance (a course). Each completed session of the patient's plan for
/// that treatment draws one; what is left may be refunded by the rule admins set.
/// </summary>
public class CoursePackage
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public int TreatmentId { get; set; }

    /// <summary>The invoice that sold it.</summary>
    public int InvoiceId { get; set; }

    public int SessionsBought { get; set; }

    public int SessionsUsed { get; set; }

    /// <summary>Unused sessions given back as money; they can no longer be drawn.</summary>
    public int SessionsRefunded { get; set; }

    /// <summary>What the whole course cost after discount.</summary>
    public decimal PriceRupees { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<CoursePackageUse> Uses { get; } = [];

    public Guid Version { get; set; } = Guid.NewGuid();

    public int SessionsLeft => SessionsBought - SessionsUsed - SessionsRefunded;

    /// <summary>"5 of 8 used".</summary>
    public string Progress => $"{SessionsUsed} of {SessionsBought} used";

    /// <summary>Draws one session for a completed appointment; refused when none is left or that appointment drew one.</summary>
    public string? Draw(int appointmentId, DateTime nowUtc)
    {
        if (Uses.Any(u => u.AppointmentId == appointmentId))
        {
            return "That session has already been drawn from the course.";
        }

        if (SessionsLeft <= 0)
        {
            return "No prepaid sessions are left on this course.";
        }

        Uses.Add(new CoursePackageUse { AppointmentId = appointmentId, UsedUtc = nowUtc });
        SessionsUsed++;
        Version = Guid.NewGuid();
        return null;
    }

    /// <summary>What refunding every unused session pays back: each session's share of the price, at the rule's percentage.</summary>
    public Money RefundableAmount(decimal refundPercent) =>
        SessionsBought == 0 || SessionsLeft <= 0
            ? Money.Zero
            : Money.Of(PriceRupees * SessionsLeft / SessionsBought * refundPercent / 100m);

    /// <summary>Marks the unused sessions refunded.</summary>
    public string? RefundUnused()
    {
        if (SessionsLeft <= 0)
        {
            return "No unused sessions are left to refund.";
        }

        SessionsRefunded += SessionsLeft;
        Version = Guid.NewGuid();
        return null;
    }
}

/// <summary>One session drawn from a course, by the completed appointment that used it (once per appointment).</summary>
public class CoursePackageUse
{
    public int Id { get; set; }

    public int CoursePackageId { get; set; }

    public int AppointmentId { get; set; }

    public DateTime UsedUtc { get; set; }
}
