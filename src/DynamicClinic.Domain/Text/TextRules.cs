namespace DynamicClinic.Domain.Text;

/// <summary>
/// The one rule for free text people type (names, messages, reasons, notes): any script (Urdu, English, ...) but no
/// control characters and no bidirectional overrides or isolates. Those are invisible; they let a name or a reason
/// show something other than what is stored (a reversed phone number, a hidden line), break emails and exports, and
/// a NUL is cut short by some databases and tools.
/// </summary>
public static class TextRules
{
    public const string Message = "This contains invisible or control characters we can't accept. Please type it again without them.";

    /// <summary>True when <paramref name="value"/> (null counts as plain) has nothing we refuse.</summary>
    /// <param name="multiLine">Allow line breaks and tabs, for text typed in a text area.</param>
    public static bool IsPlain(string? value, bool multiLine = false)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\t')
            {
                if (!multiLine)
                {
                    return false;
                }
            }
            else if (char.IsControl(c) || IsDirectionOverride(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069). The plain direction marks (U+200E, U+200F,
    /// U+061C) are kept: they only nudge neighbouring punctuation, and keyboards insert them in mixed Urdu and English.
    /// </summary>
    private static bool IsDirectionOverride(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
