using System.Globalization;
using System.Text;
using QRCoder;

namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>
/// Draws a QR code as one SVG path, server-side: QRCoder encodes the text, this turns its module matrix into markup
/// with presentation attributes only (no script, no style attribute), so the page stays within the CSP.
/// </summary>
public static class QrCodeSvg
{
    /// <param name="text">What the code holds; it is not written into the markup in any other form.</param>
    /// <param name="label">The accessible name of the image.</param>
    public static string Render(string text, string label)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size; x++)
            {
                if (row[x])
                {
                    // One unit square per dark module: "M x y h1 v1 h-1 z".
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        var encodedLabel = System.Net.WebUtility.HtmlEncode(label);
        return $"<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{encodedLabel}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path d=\"{path}\" fill=\"#000000\"/></svg>";
    }
}
