namespace DynamicClinic.Web.Infrastructure.Mvc;

/// <summary>
/// ASP.NET Core's form reader refuses a NUL character outright (InvalidDataException), before MVC binds anything: the
/// antiforgery check fails on it and the visitor gets a bare 400. This turns each NUL of a URL-encoded form into
/// U+001A SUBSTITUTE, another control character, so that the form is read and the one text rule
/// (<see cref="Domain.Text.TextRules"/>) refuses it beside the field it was in. Nothing with a NUL is ever stored.
/// </summary>
public sealed class NulInFormMiddleware(RequestDelegate next)
{
    /// <summary>Our forms are a few kilobytes; a larger body is left as it is (and refused as before if it has a NUL).</summary>
    private const int MaxBody = 256 * 1024;

    private static readonly byte[] EncodedNul = "%00"u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is > 0 and <= MaxBody)
        {
            var body = new byte[request.ContentLength.Value];
            await request.Body.ReadExactlyAsync(body, context.RequestAborted);
            var replaced = Replace(body);
            request.Body = new MemoryStream(replaced, writable: false);
            request.ContentLength = replaced.Length;
        }

        await next(context);
    }

    private static byte[] Replace(byte[] body)
    {
        if (body.AsSpan().IndexOf(EncodedNul) < 0 && body.AsSpan().IndexOf((byte)0) < 0)
        {
            return body;
        }

        // %00 (or a raw NUL byte) becomes %1A, byte by byte so nothing else changes. A "%00" typed in a field is sent
        // as %2500, which is left alone.
        using var output = new MemoryStream(body.Length + 8);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == 0)
            {
                output.Write("%1A"u8);
            }
            else if (body.AsSpan(i).StartsWith(EncodedNul))
            {
                output.Write("%1A"u8);
                i += EncodedNul.Length - 1;
            }
            else
            {
                output.WriteByte(body[i]);
            }
        }

        return output.ToArray();
    }
}
