namespace DynamicClinic.Domain.Messaging;

/// <summary>
/// How many SMS a text costs. Text that fits the GSM 03.38 alphabet goes as GSM-7: 160 characters in one message,
/// 153 a part when split (the extension characters such as € and [ take two). Anything else (Urdu, most emoji) goes
/// as UCS-2: 70 in one message, 67 a part, counted in UTF-16 code units.
/// </summary>
public static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public readonly record struct Count(bool Unicode, int Units, int Segments);

    public static Count Of(string? text)
    {
        text ??= "";
        var gsmUnits = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c, StringComparison.Ordinal))
            {
                gsmUnits++;
            }
            else if (Extension.Contains(c, StringComparison.Ordinal))
            {
                gsmUnits += 2;
            }
            else
            {
                return new Count(true, text.Length, Segments(text.Length, 70, 67));
            }
        }

        return new Count(false, gsmUnits, Segments(gsmUnits, 160, 153));
    }

    private static int Segments(int units, int single, int part) =>
        units == 0 ? 0 : units <= single ? 1 : (units + part - 1) / part;
}
