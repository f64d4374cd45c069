using DynamicClinic.Web.Infrastructure.Email;
using Microsoft.Extensions.Hosting;
using Moq;

namespace DynamicClinic.UnitTests.Infrastructure.Email;

public class EmailOptionsValidatorTests
{
    [Theory]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    [InlineData("Staging", false)]
    [InlineData("Production", false)]
    public void SmtpHostIsRequiredOutsideDevelopmentAndTesting(string environment, bool valid)
    {
        var result = Validate(environment, new EmailOptions { FromAddress = "a@example.com", FromName = "A" });

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void ProductionMayChooseAPickupFolderOnPurpose()
    {
        var result = Validate("Production", new EmailOptions { FromAddress = "a@example.com", FromName = "A", PickupDirectory = "/var/spool/pickup" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void ProductionWithAnSmtpHostIsValid()
    {
        var options = new EmailOptions { FromAddress = "a@example.com", FromName = "A" };
        options.Smtp.Host = "smtp.example.com";

        Assert.True(Validate("Production", options).Succeeded);
    }

    [Fact]
    public void UserNameWithoutPasswordAndNonsenseTimingsFail()
    {
        var options = new EmailOptions
        {
            FromAddress = "a@example.com",
            FromName = "A",
            PollInterval = TimeSpan.Zero,
            RetryDelay = TimeSpan.FromMinutes(10),
            MaxRetryDelay = TimeSpan.FromMinutes(1),
            ClaimLease = TimeSpan.FromSeconds(10),
        };
        options.Smtp.Host = "smtp.example.com";
        options.Smtp.UserName = "clinic";

        var result = Validate("Production", options);

        Assert.False(result.Succeeded);
        Assert.Equal(4, result.Failures!.Count());
    }

    [Fact]
    public void SmtpSettingsAreCheckedToo()
    {
        var options = new EmailOptions { FromAddress = "a@example.com", FromName = "A" };
        options.Smtp.Host = "smtp.example.com";
        options.Smtp.Port = 0;

        var result = Validate("Production", options);

        Assert.Contains(result.Failures!, f => f.Contains("Port", StringComparison.Ordinal));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, EmailOptions options)
    {
        var host = Mock.Of<IHostEnvironment>(e => e.EnvironmentName == environment);
        return new EmailOptionsValidator(host).Validate(null, options);
    }
}
