using DynamicClinic.Data;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace DynamicClinic.UnitTests.Infrastructure.Database;

/// <summary>EF Core's thread-safety checks: on where they catch mistakes, off in Production where they cost per row.</summary>
public class ThreadSafetyChecksTests
{
    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Development", null, true)]
    [InlineData("Testing", null, true)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "false", false)]
    public void TheChecksFollowTheEnvironmentUnlessConfigured(string environment, string? configured, bool expected)
    {
        var settings = new Dictionary<string, string?> { ["Database:ConnectionString"] = "Data Source=:memory:" };
        if (configured is not null)
        {
            settings["Database:ThreadSafetyChecks"] = configured;
        }

        var services = new ServiceCollection();
        services.AddClinicDatabase(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new Environment(environment));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<DbContextOptions<ClinicDbContext>>();

        Assert.Equal(expected, options.FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "DynamicClinic.Web";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
