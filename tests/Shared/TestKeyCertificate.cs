using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DynamicClinic.TestSupport;

/// <summary>
/// A self-signed certificate that protects the Data Protection keys of the test hosts, as production's should
/// (docs/operations.md, "Data Protection keys"). Without it every host would log the "keys are stored unencrypted"
/// warning, noise in every test log; the site itself still warns when no certificate is configured
/// (<c>KeyProtectionTests</c> starts a host without one to prove it). Made once per test process.
/// </summary>
/// <remarks>Linked into every test project that starts the site in process.</remarks>
public static class TestKeyCertificate
{
    public const string Password = "test hosts' key certificate";

    private static readonly Lazy<string> File = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The PKCS#12 file, with its private key, under the test run's folder.</summary>
    public static string Path => File.Value;

    private static string Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=DynamicClinic Data Protection (test hosts)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = System.IO.Path.Combine(TestRunFolder.ForHost("certificates", "keys"), "keys.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
