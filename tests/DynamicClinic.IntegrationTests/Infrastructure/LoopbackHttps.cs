using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>
/// HTTPS on 127.0.0.1 for sites started by these tests: a throwaway self-signed certificate for Kestrel, and an HTTP
/// client that accepts it. The site runs with production cookie rules (Secure only), so plain HTTP would not do.
/// </summary>
internal static class LoopbackHttps
{
    private static readonly Lazy<X509Certificate2> Shared = new(CreateCertificate);

    /// <summary>One certificate for every site these tests start in this run; clients trust exactly this one.</summary>
    public static X509Certificate2 Certificate => Shared.Value;

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>One client for many visitors: no cookies of its own (each <see cref="BookingVisitorOverHttp"/> keeps its jar), no redirects followed.</summary>
    public static HttpClient CreateClient(int connections) => new(
        new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == Certificate.Thumbprint },
        },
        disposeHandler: true)
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
}
