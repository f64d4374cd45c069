using DynamicClinic.Domain.Text;

namespace DynamicClinic.UnitTests.Text;

public class TextRulesTests
{
    [Theory]
    [InlineData("Amna Siddiqui")]
    [InlineData("محمد علی")]
    [InlineData("عائشہ خان (Ayesha)")]
    [InlineData("Dr. O'Brien-Khan, MBBS")]
    [InlineData("Café ümlaut ñ 漢字 😀")]
    [InlineData("Urdu with a direction mark: \u200Fمحمد\u200E 12")]
    [InlineData("")]
    [InlineData(null)]
    public void OrdinaryTextInAnyScriptIsPlain(string? text)
    {
        Assert.True(TextRules.IsPlain(text));
        Assert.True(TextRules.IsPlain(text, multiLine: true));
    }

    [Fact]
    public void EveryUrduLetterDiacriticAndTheZeroWidthJoinersArePlain()
    {
        // The whole Arabic block (letters, vowel marks, Urdu punctuation and digits) and the joiners Urdu typing uses:
        // the zero-width non-joiner keeps "نے" apart from the word before it without a space.
        var urdu = new string(Enumerable.Range(0x0600, 0x100).Select(c => (char)c).ToArray()) + "\u200C\u200D میں نے\u200Cکہا، آپؐ";
        Assert.True(TextRules.IsPlain(urdu));
    }

    [Theory]
    [InlineData("Amna\0Siddiqui")]
    [InlineData("Bell\u0007")]
    [InlineData("Escape\u001B[31m")]
    [InlineData("Substitute\u001A")]
    [InlineData("Delete\u007F")]
    [InlineData("C1 control\u0085")]
    [InlineData("C1 control\u009F")]
    [InlineData("reversed \u202Egnp.exe")]
    [InlineData("embedded \u202Aleft\u202C")]
    [InlineData("right embedding \u202B")]
    [InlineData("left override \u202D")]
    [InlineData("isolate \u2066x\u2069")]
    [InlineData("right isolate \u2067")]
    [InlineData("first strong isolate \u2068")]
    public void ControlAndDirectionOverrideCharactersAreRefusedEverywhere(string text)
    {
        Assert.False(TextRules.IsPlain(text));
        Assert.False(TextRules.IsPlain(text, multiLine: true));
    }

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("two\r\nlines")]
    [InlineData("a\ttab")]
    public void LineBreaksAndTabsOnlyInMultiLineText(string text)
    {
        Assert.False(TextRules.IsPlain(text));
        Assert.True(TextRules.IsPlain(text, multiLine: true));
    }
}
