using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Email;

/// <summary>
/// Checks what data annotations cannot: the timings, the SMTP credentials, and that a real site has somewhere real to
/// send mail. An SMTP host is required in every environment except Development and Testing (the integration and
/// browser tests run as "Testing"), unless <see cref="EmailOptions.PickupDirectory"/> is set on purpose, e.g. for a
/// mail server that collects a pickup folder. So a deployment that forgot its SMTP settings fails at start-up
/// instead of quietly writing patients' emails to disk.
/// </summary>
public sealed class EmailOptionsValidator(IHostEnvironment environment) : IValidateOptions<EmailOptions>
{
    public const string TestingEnvironment = "Testing";

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        var pickupAllowed = environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment)
            || !string.IsNullOrWhiteSpace(options.PickupDirectory);
        if (!options.UsesSmtp && !pickupAllowed)
        {
            failures.Add($"Email:Smtp:Host is required in the {environment.EnvironmentName} environment "
                + "(or set Email:PickupDirectory to write .eml files for a local mail server on purpose).");
        }

        // ValidateDataAnnotations does not look inside Email:Smtp.
        var smtpResults = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.Smtp, new ValidationContext(options.Smtp), smtpResults, validateAllProperties: true))
        {
            failures.AddRange(smtpResults.Select(r => $"Email:Smtp: {r.ErrorMessage}"));
        }

        if (!string.IsNullOrEmpty(options.Smtp.UserName) && string.IsNullOrEmpty(options.Smtp.Password))
        {
            failures.Add("Email:Smtp:Password is required when Email:Smtp:UserName is set.");
        }

        RequirePositive(failures, options.PollInterval, "Email:PollInterval");
        RequirePositive(failures, options.RetryDelay, "Email:RetryDelay");
        RequirePositive(failures, options.ReminderLeadTime, "Email:ReminderLeadTime");
        RequirePositive(failures, options.ReminderCheckInterval, "Email:ReminderCheckInterval");
        if (options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add("Email:MaxRetryDelay must not be shorter than Email:RetryDelay.");
        }

        // A lease shorter than a slow send would let a second instance send the same message again.
        var longestSend = TimeSpan.FromSeconds(options.Smtp.TimeoutSeconds * 4);
        if (options.ClaimLease <= longestSend)
        {
            failures.Add($"Email:ClaimLease must be longer than four SMTP timeouts ({longestSend}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be greater than zero.");
        }
    }
}
