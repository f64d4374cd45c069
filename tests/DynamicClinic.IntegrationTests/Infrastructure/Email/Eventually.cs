namespace DynamicClinic.IntegrationTests.Infrastructure.Email;

/// <summary>Waits for background work: polls every 50 ms, fails after 10 s with what it last saw.</summary>
internal static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after 10 s waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
