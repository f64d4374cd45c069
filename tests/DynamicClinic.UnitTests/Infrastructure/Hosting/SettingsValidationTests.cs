using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DynamicClinic.UnitTests.Infrastructure.Hosting;

public class SettingsValidationTests
{
    [Fact]
    public void AFailureNamesTheSettingAsConfiguredNotTheClassAndMember()
    {
        var failure = Assert.Single(SettingsValidation.Failures(new DatabaseOptions { CommandTimeoutSeconds = 0 }, DatabaseOptions.SectionName));

        Assert.Equal("The field Database:CommandTimeoutSeconds must be between 1 and 600.", failure);
    }

    [Fact]
    public void EveryBadSettingOfASectionIsListed()
    {
        var options = new EmailOptions { FromAddress = "", BatchSize = 0 };

        var failures = SettingsValidation.Failures(options, EmailOptions.SectionName);

        Assert.Contains(failures, f => f.Contains("Email:FromAddress", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Email:BatchSize", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("EmailOptions", StringComparison.Ordinal));
    }

    [Fact]
    public void GoodSettingsPassAndTheOptionsBuilderReportsTheSameMessages()
    {
        Assert.Empty(SettingsValidation.Failures(new DatabaseOptions(), DatabaseOptions.SectionName));

        var services = new ServiceCollection();
        services.AddOptions<DatabaseOptions>().Configure(o => o.CommandTimeoutSeconds = 601).ValidateSettings(DatabaseOptions.SectionName);
        using var provider = services.BuildServiceProvider();

        var invalid = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        Assert.Equal("The field Database:CommandTimeoutSeconds must be between 1 and 600.", Assert.Single(invalid.Failures));
    }
}
