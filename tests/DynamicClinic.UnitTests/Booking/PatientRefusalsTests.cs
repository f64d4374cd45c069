using System.Globalization;
using System.Resources;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Resources;

namespace DynamicClinic.UnitTests.Booking;

/// <summary>Every way the slot check can refuse a time has its own sentence for patients, in English and in Urdu.</summary>
public class PatientRefusalsTests
{
    private static readonly ResourceManager Resources = new("DynamicClinic.Web.Resources.BookingText", typeof(BookingText).Assembly);

    public static TheoryData<SlotCheckResult> Refusals() => new(Enum.GetValues<SlotCheckResult>().Where(r => r != SlotCheckResult.Ok));

    [Theory]
    [MemberData(nameof(Refusals))]
    public void EachSlotRefusalHasItsOwnSentenceInBothLanguages(SlotCheckResult refusal)
    {
        var key = PatientRefusals.KeyFor(refusal);

        Assert.NotEqual(PatientRefusals.KeyFor(null), key);
        var english = Resources.GetString(key, CultureInfo.InvariantCulture);
        var urdu = Resources.GetString(key, CultureInfo.GetCultureInfo("ur"));
        Assert.False(string.IsNullOrWhiteSpace(english), $"{key} has no English");
        Assert.False(string.IsNullOrWhiteSpace(urdu), $"{key} has no Urdu");
        Assert.NotEqual(english, urdu);
    }

    [Fact]
    public void ARefusalWithoutASlotCheckHasTheGeneralSentence() =>
        Assert.Equal("RefusalOther", PatientRefusals.KeyFor(null));
}
