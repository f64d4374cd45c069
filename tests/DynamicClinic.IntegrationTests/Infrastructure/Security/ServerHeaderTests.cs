namespace DynamicClinic.IntegrationTests.Infrastructure.Security;

/// <summary>The site served by Kestrel (TestServer never adds a Server header, so this needs the real server).</summary>
public sealed class ServerHeaderTests : IAsyncLifetime
{
    private KestrelClinicAppFactory? _site;

    public Task InitializeAsync()
    {
        _site = new KestrelClinicAppFactory();
        _site.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    [InlineData("/health")]
    public async Task ResponsesDoNotNameTheServer(string path)
    {
        using var http = LoopbackHttps.CreateClient(connections: 1);

        using var response = await http.GetAsync(new Uri(_site!.BaseAddress, path));

        Assert.False(response.Headers.Contains("Server"), $"{path} answered with Server: {string.Join(", ", response.Headers.Server)}");
    }
}
