using DynamicClinic.Web.Features.Admin;
using DynamicClinic.Web.Infrastructure.Security;

namespace DynamicClinic.UnitTests.Admin;

public class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+92 300", "'+92 300")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData("a=b", "a=b")]
    public void EscapesFieldsAndDefusesFormulas(string value, string expected) =>
        Assert.Equal(expected, AuditCsv.Field(value));

    [Fact]
    public void LineEndsWithCrLf() =>
        Assert.Equal("a,\"b,c\"\r\n", AuditCsv.Line(["a", "b,c"]));

    [Fact]
    public void OneTimePasswordsAreLongAndDifferent()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => OneTimePassword.New()).ToList();
        Assert.All(passwords, p => Assert.Equal(20, p.Length));
        Assert.Equal(50, passwords.Distinct(StringComparer.Ordinal).Count());
    }
}
