using PhoneNumbers;

namespace DynamicClinic.Web.Features.Patients;

/// <summary>
/// Mobile numbers as patients type them ("0300 1234567", "+92 300 1234567", "923001234567"), checked and
/// normalised to E.164 with libphonenumber, Pakistan as the default region.
/// </summary>
public static class PatientPhone
{
    public const string DefaultRegion = "PK";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 form (<c>+923001234567</c>), or null when it is not a valid mobile number.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 30)
        {
            return null;
        }

        try
        {
            var number = Util.Parse(input, DefaultRegion);
            if (!Util.IsValidNumber(number))
            {
                return null;
            }

            // The clinic texts and calls mobiles; a landline cannot receive reminders.
            var type = Util.GetNumberType(number);
            return type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE
                ? Util.Format(number, PhoneNumberFormat.E164)
                : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>A readable form for staff and patients, e.g. <c>+92 300 1234567</c>.</summary>
    public static string Display(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, DefaultRegion), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
