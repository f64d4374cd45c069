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
    public Money RefundableAmount(decimal refundPercent) => RefundFor(SessionsLeft, new CourseRefundRule(refundPercent, 0));

    /// <summary>
    /// What refunding <paramref name="sessions"/> unused sessions pays back by the admins' rule: the sessions' share of
    /// what the course cost, at the rule's percentage, less its fee; never below nothing. Rounded once, by Money's rule.
    /// </summary>
    public Money RefundFor(int sessions, CourseRefundRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (SessionsBought == 0 || sessions <= 0 || sessions > SessionsLeft)
        {
            return Money.Zero;
        }

        var amount = Money.Of((PriceRupees * sessions / SessionsBought * rule.Percent / 100m) - rule.FeeRupees);
        return amount.IsNegative ? Money.Zero : amount;
    }

    /// <summary>Marks every unused session refunded.</summary>
    public string? RefundUnused() => RefundUnused(SessionsLeft);

    /// <summary>Marks this many unused sessions refunded; they can no longer be drawn. None left closes the course.</summary>
    public string? RefundUnused(int sessions)
    {
        if (SessionsLeft <= 0)
        {
            return "No unused sessions are left to refund.";
        }

        if (sessions < 1 || sessions > SessionsLeft)
        {
            return $"Choose from 1 to {SessionsLeft} unused session{(SessionsLeft == 1 ? "" : "s")}.";
        }

        SessionsRefunded += sessions;
        Version = Guid.NewGuid();
        return null;
    }
}

/// <summary>The admins' rule for unused course sessions: this share of each session's price back, less a fixed fee per refund.</summary>
public sealed record CourseRefundRule(decimal Percent, decimal FeeRupees)
{
    public static CourseRefundRule From(BillingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CourseRefundRule(settings.CourseRefundPercent, settings.CourseRefundFeeRupees);
    }

    /// <summary>The rule in words, for the settings page and the refund form.</summary>
    public string Describe() =>
        $"sessions left × the price paid per session × {Percent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} %"
        + (FeeRupees > 0 ? $", less a fee of {Money.Of(FeeRupees)}" : "") + " (never below Rs 0)";
}

/// <summary>One session drawn from a course, by the completed appointment that used it (once per appointment).</summary>
public class CoursePackageUse
{
    public int Id { get; set; }

    public int CoursePackageId { get; set; }

    public int AppointmentId { get; set; }

    public DateTime UsedUtc { get; set; }
}
