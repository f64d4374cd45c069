using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DynamicClinic.IntegrationTests.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.IntegrationTests.Infrastructure.Security;

/// <summary>The Data Protection keys in the database, with and without a certificate configured.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string Password = "a test certificate's password";

    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"dynamicclinic-keys-{Guid.NewGuid():N}.pfx");

    public KeyProtectionTests()
    {
        // A self-signed certificate made here, as an operator would with openssl (docs/operations.md).
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=DynamicClinic Data Protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_certificatePath, certificate.Export(X509ContentType.Pfx, Password));
    }

    public void Dispose() => File.Delete(_certificatePath);

    [Fact]
    public async Task WithACertificateTheKeysAreStoredEncryptedAndStillWork()
    {
        using var factory = new Factory(_certificatePath, Password);
        await factory.SeedDemoDataAsync();

        // A form needs an antiforgery token, so the first key is made and stored.
        using var client = factory.CreateClient();
        using var signIn = await client.GetAsync("/staff/sign-in");
        signIn.EnsureSuccessStatusCode();
        var xml = await factory.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

        var key = Assert.Single(xml);
        Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
        Assert.Contains("EncryptedXmlDecryptor", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        // ...and the encrypted key still reads back: the staff sign-in works with a token it protected.
        await client.SignInAsStaffAsync(DemoDataSeeder.AdminEmail);
    }

    [Fact]
    public async Task WithoutACertificateTheSiteWarnsOnceAtStart()
    {
        using var factory = new Unprotected();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/staff/sign-in");
        response.EnsureSuccessStatusCode();
        var xml = await factory.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

        Assert.Contains("<masterKey", Assert.Single(xml), StringComparison.Ordinal);
        var warnings = Directory.GetFiles(factory.LogFolder, "*.log").SelectMany(ReadShared)
            .Where(l => l.Contains("Data Protection keys are stored in the database unencrypted", StringComparison.Ordinal));
        Assert.Single(warnings);
    }

    [Fact]
    public async Task TheTestHostsProtectTheirKeysSoTheWarningIsNotNoiseInEveryTestLog()
    {
        using var factory = new ClinicAppFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/staff/sign-in");
        response.EnsureSuccessStatusCode();
        var xml = await factory.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());

        Assert.Contains("<encryptedSecret", Assert.Single(xml), StringComparison.Ordinal);
        var logged = Directory.GetFiles(factory.LogFolder, "*.log").SelectMany(ReadShared).ToList();
        Assert.DoesNotContain(logged, l => l.Contains("stored in the database unencrypted", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Contains("No XML encryptor configured", StringComparison.Ordinal));
    }

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A host as production runs without a certificate (the other test hosts have one).</summary>
    private sealed class Unprotected : ClinicAppFactory
    {
        protected override bool ProtectKeysWithTestCertificate => false;
    }

    private sealed class Factory(string certificatePath, string password) : ClinicAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:Certificate:Path", certificatePath);
            builder.UseSetting("DataProtection:Certificate:Password", password);
        }
    }
}
