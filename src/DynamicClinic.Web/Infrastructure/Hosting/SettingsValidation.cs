using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Hosting;

/// <summary>
/// The data-annotation checks of an options class, with each failure naming its setting as an operator configures it
/// ("The field Database:CommandTimeoutSeconds must be between 1 and 600."): <c>ValidateDataAnnotations</c> names the
/// class and the member instead ("'DatabaseOptions' members: 'CommandTimeoutSeconds'"), which is not a key anyone can set.
/// </summary>
public static class SettingsValidation
{
    public static OptionsBuilder<TOptions> ValidateSettings<TOptions>(this OptionsBuilder<TOptions> builder, string sectionName)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new AnnotationsValidator<TOptions>(builder.Name, sectionName));
        return builder;
    }

    /// <summary>One message per failed attribute of <paramref name="options"/>, each naming <c>Section:Property</c>.</summary>
    public static IReadOnlyList<string> Failures(object options, string sectionName)
    {
        var failures = new List<string>();
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.IsDefined(typeof(ValidationAttribute), inherit: true))
            {
                continue;
            }

            var context = new ValidationContext(options)
            {
                MemberName = property.Name,
                DisplayName = $"{sectionName}:{property.Name}",
            };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateProperty(property.GetValue(options), context, results))
            {
                failures.AddRange(results.Select(r => r.ErrorMessage ?? $"{context.DisplayName} is not valid."));
            }
        }

        return failures;
    }

    private sealed class AnnotationsValidator<TOptions>(string? optionsName, string sectionName) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            if (optionsName is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            var failures = Failures(options, sectionName);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
