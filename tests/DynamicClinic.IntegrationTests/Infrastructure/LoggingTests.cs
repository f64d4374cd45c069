using DynamicClinic.IntegrationTests.Infrastructure;

namespace DynamicClinic.IntegrationTests.Infrastructure;

public class LoggingTests(ClinicAppFactory factory) : IClassFixture<ClinicAppFactory>
{
    [Fact]
    public async Task RequestsAreLoggedToTheRollingFileAsStructuredEvents()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/treatments/mesotherapy");

        // The file sink writes in the background; give it a moment, bounded.
        string[] lines = [];
        const string RequestLine = "\"RequestPath\":\"/treatments/mesotherapy\"";
        for (var i = 0; i < 100 && !lines.Any(l => l.Contains(RequestLine, StringComparison.Ordinal) && l.EndsWith('}')); i++)
        {
            await Task.Delay(100);
            lines = Directory.Exists(factory.LogFolder)
                ? Directory.GetFiles(factory.LogFolder, "dynamicclinic-*.log").SelectMany(ReadShared).ToArray()
                : [];
        }

        var request = Assert.Single(lines, l => l.Contains(RequestLine, StringComparison.Ordinal));
        Assert.Contains("\"StatusCode\":200", request, StringComparison.Ordinal);
    }

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
