namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>Values of <see cref="Data.Outbox.OutboxMessage.Kind"/>: what an email is, for logs and support.</summary>
public static class EmailKinds
{
    public const string BookingConfirmed = "BookingConfirmed";
    public const string BookingRescheduled = "BookingRescheduled";
    public const string BookingCancelled = "BookingCancelled";
    public const string Reminder = "Reminder";
    public const string CourseBooked = "CourseBooked";

    // Billing (Features/Billing): a payment's receipt; amounts and the invoice number, nothing clinical.
    public const string PaymentReceipt = "PaymentReceipt";

    // Administration (Features/Admin): a new staff account; it never contains the password.
    public const string StaffInvitation = "StaffInvitation";
}
