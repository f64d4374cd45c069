using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>A certificate file (PKCS#12, with its private key) and its password.</summary>
public sealed class CertificateFile
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}

/// <summary>
/// The <c>DataProtection</c> section: the certificate that encrypts the Data Protection keys stored in the database
/// (docs/operations.md, "Data Protection keys"). Without one the keys are stored as plain XML.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Encrypts new keys and decrypts the keys it encrypted.</summary>
    public CertificateFile Certificate { get; set; } = new();

    /// <summary>Certificates of earlier rotations: they only decrypt the keys they encrypted, until those expire.</summary>
    public List<CertificateFile> PreviousCertificates { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Certificate.Path);
}

/// <summary>
/// Protects the key ring with a certificate when one is configured (<c>ProtectKeysWithCertificate</c>), and lets the
/// certificates of earlier rotations decrypt the keys they protected (<c>UnprotectKeysWithAnyCertificate</c>).
/// </summary>
public static class KeyProtection
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection(KeyProtectionOptions.SectionName);
        builder.Services.AddOptions<KeyProtectionOptions>().Bind(section).ValidateOnStart();
        // Each bad file is named at start, listed with the other bad settings (ConfigurationErrors).
        builder.Services.AddSingleton<IValidateOptions<KeyProtectionOptions>>(new Validator());

        // Data Protection takes the certificates themselves, now; a file that cannot be read is left to the validator.
        var options = section.Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        if (options.IsConfigured && !Problems(options).Any())
        {
            builder.ProtectKeysWithCertificate(Load(options.Certificate));
            if (options.PreviousCertificates.Count > 0)
            {
                builder.UnprotectKeysWithAnyCertificate([.. options.PreviousCertificates.Select(Load)]);
            }
        }

        return builder;
    }

    /// <summary>One warning at start when the keys are stored unencrypted (Development excepted).</summary>
    public static void WarnWhenKeysUnprotected(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<IOptions<KeyProtectionOptions>>().Value.IsConfigured)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyProtection)).LogWarning(
                "Data Protection keys are stored in the database unencrypted: set DataProtection:Certificate:Path to protect them (docs/operations.md)");
        }
    }

    private static IEnumerable<string> Problems(KeyProtectionOptions options)
    {
        var files = new List<(string Key, CertificateFile File)>();
        if (options.IsConfigured)
        {
            files.Add(("DataProtection:Certificate", options.Certificate));
        }
        else if (options.PreviousCertificates.Count > 0)
        {
            yield return "DataProtection:PreviousCertificates needs DataProtection:Certificate:Path (the current certificate) as well.";
        }

        files.AddRange(options.PreviousCertificates.Select((f, i) => ($"DataProtection:PreviousCertificates:{i}", f)));
        foreach (var (key, file) in files)
        {
            string? problem;
            if (!File.Exists(file.Path))
            {
                yield return $"{key}:Path '{file.Path}' does not exist.";
                continue;
            }

            try
            {
                using var certificate = Load(file);
                problem = certificate.HasPrivateKey ? null : "has no private key";
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                problem = $"cannot be read ({ex.Message.TrimEnd('.')})";
            }

            if (problem is not null)
            {
                yield return $"{key}:Path '{file.Path}' {problem}.";
            }
        }
    }

    internal static X509Certificate2 Load(CertificateFile file) =>
        X509CertificateLoader.LoadPkcs12FromFile(file.Path!, file.Password);

    private sealed class Validator : IValidateOptions<KeyProtectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options)
        {
            var failures = Problems(options).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
