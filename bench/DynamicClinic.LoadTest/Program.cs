using System.Globalization;
using DynamicClinic.LoadTest;

// Online booking confirmations under load, against a site on loopback (see bench/confirmations.sh).
// Only 127.0.0.1 / localhost / [::1] targets are accepted, and every phase is bounded in count and time.
try
{
    var options = LoadOptions.Parse(args);
    var report = await ConfirmationLoad.RunAsync(options, Console.Out);
    return report.Passed ? 0 : 1;
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(LoadOptions.Usage);
    return 2;
}
finally
{
    CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
}
