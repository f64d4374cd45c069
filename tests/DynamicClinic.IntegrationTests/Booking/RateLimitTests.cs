using System.Net;
using DynamicClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace DynamicClinic.IntegrationTests.Booking;

public class RateLimitTests : IClassFixture<RateLimitTests.Factory>, IAsyncLifetime
{
    /// <summary>A site with tiny limits, so a handful of requests reach them.</summary>
    public sealed class Factory : ClinicAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Booking:BookingRequestsPerMinute", "3");
            builder.UseSetting("Booking:SlotRequestsPerMinute", "5");
        }
    }

    private readonly Factory _factory;

    public RateLimitTests(Factory factory) => _factory = factory;

    public async Task InitializeAsync() => await _factory.SeedDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SlotsEndpointAnswersTooManyRequestsWithRetryAfterAndAProblemBody()
    {
        using var client = _factory.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last?.Dispose();
            last = await client.GetAsync("/book/slots?treatment=mesotherapy&from=2026-11-30&to=2026-11-30");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType!.MediaType);
        last.Dispose();
    }

    [Fact]
    public async Task BookingPostsGetTheFriendlyPageWithRetryAfter()
    {
        var visitor = new BookingVisitor(_factory.CreateClient());
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await visitor.SubmitDetailsAsync("mesotherapy", "1-20261130T0500Z", BookingVisitor.Details());
        }

        var html = await last!.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Contains("Please wait a moment", html, StringComparison.Ordinal);
        last.Dispose();
    }
}
