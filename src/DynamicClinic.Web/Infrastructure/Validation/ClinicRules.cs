using System.Globalization;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Domain.Text;
using FluentValidation;

namespace DynamicClinic.Web.Infrastructure.Validation;

/// <summary>
/// The rules every form shares, written once: plain free text (<see cref="TextRules"/>) on every field people type
/// into, and dates in the clinic's range. The text rules take string and string? properties alike.
/// </summary>
public static class ClinicRules
{
    /// <summary>A one-line free-text field (a name, a title, a reason): <see cref="TextRules"/>, no line breaks.</summary>
    public static IRuleBuilderOptions<T, TText> PlainText<T, TText>(this IRuleBuilder<T, TText> rule)
        where TText : class? =>
        rule.Must(v => TextRules.IsPlain(v as string)).WithMessage(TextRules.Message);

    /// <summary>A text area (a message, a bio, a note): <see cref="TextRules"/>, line breaks and tabs allowed.</summary>
    public static IRuleBuilderOptions<T, TText> PlainMultiLineText<T, TText>(this IRuleBuilder<T, TText> rule)
        where TText : class? =>
        rule.Must(v => TextRules.IsPlain(v as string, multiLine: true)).WithMessage(TextRules.Message);

    /// <summary>
    /// A <c>yyyy-MM-dd</c> date field: <paramref name="missingMessage"/> when it is not a date,
    /// <see cref="ClinicDates.OutOfRangeMessage"/> when it is one outside <see cref="ClinicDates"/>.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ClinicDate<T>(this IRuleBuilder<T, string?> rule, string missingMessage) =>
        rule.Must(d => ClinicDates.TryParse(d, out _))
            .WithMessage((form, d) => DateOnly.TryParseExact(d, ClinicDates.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? ClinicDates.OutOfRangeMessage
                : missingMessage);
}
