using System.Text.Json;
using DynamicClinic.Domain.Patients;

namespace DynamicClinic.UnitTests.Patients;

public class ContactRedactionTests
{
    private static readonly IReadOnlyList<string> Values = ContactRedaction.Values(["Sara Qureshi", "+923005551234", "sara@example.test", "Sara", null, "  ", "Al"]);

    [Fact]
    public void ValuesAreDistinctLongEnoughAndLongestFirst()
    {
        Assert.Equal(["sara@example.test", "+923005551234", "Sara Qureshi", "Sara"], Values);
    }

    [Fact]
    public void TextHasEveryValueReplacedWhateverItsCase()
    {
        Assert.Equal("Called [removed] on [removed] about [removed]", ContactRedaction.Text("Called SARA QURESHI on +923005551234 about sara@example.test", Values));
    }

    [Fact]
    public void TextWithoutAValueIsReturnedAsItWas()
    {
        const string text = "Patient cancelled DC-7K3M9Q online";

        Assert.Same(text, ContactRedaction.Text(text, Values));
    }

    [Fact]
    public void JsonStateIsRedactedValueByValueEvenWhenEscaped()
    {
        // System.Text.Json writes "+" as \u002B by default: a plain text search would miss the number.
        var json = JsonSerializer.Serialize(new { Kept = new { FullName = "Sara Qureshi", PhoneE164 = "+923005551234" }, Reason = "Sara asked", Moved = 2 });
        Assert.Contains("\\u002B923005551234", json, StringComparison.Ordinal);

        var redacted = ContactRedaction.JsonState(json, Values);

        using var document = JsonDocument.Parse(redacted);
        Assert.Equal("[removed]", document.RootElement.GetProperty("Kept").GetProperty("FullName").GetString());
        Assert.Equal("[removed]", document.RootElement.GetProperty("Kept").GetProperty("PhoneE164").GetString());
        Assert.Equal("[removed] asked", document.RootElement.GetProperty("Reason").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("Moved").GetInt32());
        Assert.DoesNotContain("923005551234", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonStateWithNothingToRedactIsReturnedAsItWas()
    {
        const string json = "{\"Status\":\"Booked\"}";

        Assert.Same(json, ContactRedaction.JsonState(json, Values));
    }

    [Fact]
    public void AStateCutShortIsRedactedAsText()
    {
        const string json = "{\"FullName\":\"Sara Qureshi\",\"Phone\":\"\\u002B9230055";

        var redacted = ContactRedaction.JsonState(json, Values);

        Assert.DoesNotContain("Qureshi", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void EarlierSpellingsAreFoundUnderContactProperties()
    {
        var json = JsonSerializer.Serialize(new { Kept = new { FullName = "Old Name", Email = "old@example.test" }, Duplicate = new { Id = 3 }, Summary = "not this" });

        var found = ContactRedaction.StringsUnder(json, new HashSet<string>(StringComparer.Ordinal) { "FullName", "Email" });

        Assert.Equal(["Old Name", "old@example.test"], found);
    }
}
