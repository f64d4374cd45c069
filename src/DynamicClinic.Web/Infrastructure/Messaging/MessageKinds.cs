using DynamicClinic.Web.Infrastructure.Email;

namespace DynamicClinic.Web.Infrastructure.Messaging;

/// <summary>Staff words for <see cref="Data.Outbox.OutboxMessage.Kind"/>, email and text alike.</summary>
public static class MessageKinds
{
    public static string Label(string kind) => kind switch
    {
        EmailKinds.BookingConfirmed => "Confirmation",
        EmailKinds.BookingRescheduled => "New time",
        EmailKinds.BookingCancelled => "Cancellation",
        EmailKinds.Reminder => "Reminder",
        EmailKinds.CourseBooked => "Course dates",
        "Reply" => "Answer to the patient",
        "WaitlistOffer" => "Waitlist offer",
        _ => kind,
    };
}
