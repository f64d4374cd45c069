using DynamicClinic.Domain.Appointments;

namespace DynamicClinic.UnitTests.Appointments;

public class BookingReferenceTests
{
    [Fact]
    public void NewReferenceHasPrefixAndSixUnambiguousCharacters()
    {
        for (var i = 0; i < 200; i++)
        {
            var reference = BookingReference.New();
            Assert.Matches("^DC-[34679ACDEFGHJKMNPQRTWXY]{6}$", reference);
        }
    }

    [Theory]
    [InlineData("DC-7K3M9Q", "DC-7K3M9Q")]
    [InlineData("dc 7k3m9q", "DC-7K3M9Q")]
    [InlineData("7K3M9Q", "DC-7K3M9Q")]
    [InlineData(" dc-7k3-m9q ", "DC-7K3M9Q")]
    public void NormaliseAcceptsWhatPeopleType(string input, string expected) =>
        Assert.Equal(expected, BookingReference.Normalise(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("DC-7K3M9")]
    [InlineData("DC-7K3M9QQ")]
    [InlineData("DC-0OIL15")]
    public void NormaliseRejectsWhatCannotBeAReference(string? input) =>
        Assert.Null(BookingReference.Normalise(input));
}
