using System.Text.RegularExpressions;
using DynamicClinic.Domain.Messaging;
using DynamicClinic.Web.Infrastructure.Messaging;

namespace DynamicClinic.UnitTests.Messages;

/// <summary>The answers to patients' replies: every one in both languages with the same values, Urdu dates as the emails write them.</summary>
public partial class ReplyAnswerWordsTests
{
    private static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");
    private static readonly DateTime StartUtc = new(2026, 12, 1, 5, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void EveryAnswerHasEnglishAndUrduWordsWithTheSameValues()
    {
        Assert.Equal(10, TextTemplates.Answers.Words.Count);
        Assert.All(TextTemplates.Answers.Words, pair =>
        {
            var (en, ur) = pair.Value;
            Assert.False(string.IsNullOrWhiteSpace(en));
            Assert.Matches(UrduLetter(), ur);
            Assert.Equal(Placeholders(en), Placeholders(ur));
        });
    }

    [Fact]
    public void AnUrduTimeIsWrittenAsTheEmailsWriteItWithTheTimeIsolated()
    {
        Assert.Equal("منگل 1 دسمبر 2026، \u206610:30\u2069 بجے", TextTemplates.Answers.When(StartUtc, Karachi, TextTemplates.Urdu));
        Assert.Equal("Tue 1 Dec 2026 at 10:30", TextTemplates.Answers.When(StartUtc, Karachi, TextTemplates.English));
    }

    [Fact]
    public void OnlyUrduIsolatesAndNamesTheChannelInUrdu()
    {
        Assert.Equal("\u2066DC-7K3M9Q\u2069", TextTemplates.Ltr("DC-7K3M9Q", TextTemplates.Urdu));
        Assert.Equal("DC-7K3M9Q", TextTemplates.Ltr("DC-7K3M9Q", TextTemplates.English));
        Assert.Equal("ایس ایم ایس", TextTemplates.Answers.Channel(ContactChannel.Sms, TextTemplates.Urdu));
        Assert.Equal("SMS", TextTemplates.Answers.Channel(ContactChannel.Sms, TextTemplates.English));
    }

    private static string[] Placeholders(string format) => [.. Placeholder().Matches(format).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\u0600-\u06FF]")]
    private static partial Regex UrduLetter();
}
