using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>The <c>Email</c> section: who emails come from, how they leave, and how the outbox retries. Validated at start-up.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>Where <see cref="PickupDirectory"/> points when it is not set (relative to the content root).</summary>
    public const string DefaultPickupDirectory = "App_Data/mail";

    [Required, EmailAddress, StringLength(254)]
    public string FromAddress { get; set; } = "";

    [Required, StringLength(100)]
    public string FromName { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Folder for <c>.eml</c> files, used when <see cref="SmtpOptions.Host"/> is empty. Relative paths are under the
    /// content root. Outside Development and Testing it must be set on purpose (see <see cref="EmailOptionsValidator"/>).
    /// </summary>
    public string? PickupDirectory { get; set; }

    /// <summary>How often the sender looks for due messages when nothing wakes it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages claimed and sent per pass.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Tries before a message is given up and marked failed for a person to look at.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failure; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a claimed message is left to the instance that claimed it. Longer than one send can take, so a slow
    /// send is never repeated by another instance; if an instance dies mid-send, another picks the message up after it.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    public bool SendReminders { get; set; } = true;

    /// <summary>A reminder is queued once an appointment starts within this time.</summary>
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the reminder scheduler looks for appointments entering the lead time.</summary>
    public TimeSpan ReminderCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>True when mail goes to an SMTP server rather than the pickup folder.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary>The <c>Email:Smtp</c> section. Leave <see cref="Host"/> empty to write <c>.eml</c> files instead.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>
    /// TLS mode. The default insists on STARTTLS so credentials and patient details never cross the network in clear;
    /// use <c>SslOnConnect</c> for port 465, and <c>None</c> only for a relay on the same machine (or tests).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Optional; when set, the sender authenticates. Keep the password in user secrets or the environment.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Time allowed for each SMTP step (connect, authenticate, send).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
