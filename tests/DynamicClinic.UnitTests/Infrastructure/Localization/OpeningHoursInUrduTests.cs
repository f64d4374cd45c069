using DynamicClinic.Web.Infrastructure.Localization;

namespace DynamicClinic.UnitTests.Infrastructure.Localization;

/// <summary>
/// The admin's English opening hours worded in Urdu: day names as the Urdu pages write them, ranges with تا, times in
/// 24-hour Western digits; a line with any word we do not know is left as written (null), never half translated.
/// </summary>
public class OpeningHoursInUrduTests
{
    [Theory]
    [InlineData("Monday to Saturday: 10:00 to 19:00", "پیر تا ہفتہ: 10:00 تا 19:00")]
    [InlineData("Sunday: closed", "اتوار: بند")]
    [InlineData("Mon-Sat 10am-7pm", "پیر تا ہفتہ 10:00 تا 19:00")]
    [InlineData("Thurs.: 9:30 a.m. – 12 noon", null)]
    [InlineData("Thursday and Friday: 9:30 a.m. to 1 p.m.", "جمعرات اور جمعہ: 09:30 تا 13:00")]
    [InlineData("Tuesday, Wednesday: 12pm to 12am", "منگل، بدھ: 12:00 تا 00:00")]
    [InlineData("Every day: noon to 17:00", "روزانہ: 12:00 تا 17:00")]
    [InlineData("SUNDAY CLOSED", "اتوار بند")]
    public void WordsALineMadeOfDaysTimesAndKnownWordsInUrdu(string english, string? urdu)
    {
        Assert.Equal(urdu, OpeningHoursInUrdu.Translate(english));
    }

    [Theory]
    [InlineData("Friday: 10:00 to 12:30, then 14:30 to 19:00")]
    [InlineData("Ramadan: 10:00 to 16:00")]
    [InlineData("Monday to Saturday: 10 to 7")]
    [InlineData("Open 24/7")]
    [InlineData("Saturday: 13:75 to 19:00")]
    [InlineData("Sunday: by appointment")]
    [InlineData("")]
    [InlineData("10:00")]
    public void LeavesALineWithAnythingElseAsWritten(string english)
    {
        Assert.Null(OpeningHoursInUrdu.Translate(english));
    }
}
