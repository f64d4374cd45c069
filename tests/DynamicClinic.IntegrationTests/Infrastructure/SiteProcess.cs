using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace DynamicClinic.IntegrationTests.Infrastructure;

/// <summary>
/// The built site (<c>dotnet DynamicClinic.Web.dll</c>) as a child process, as a service manager would run it: its own
/// environment variables, HTTPS on 127.0.0.1 and a port the OS picks (read back from the "Now listening on" line).
/// </summary>
public sealed partial class SiteProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiteProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    public int ProcessId => _process.Id;

    /// <summary>The last lines the site wrote to its console, for a failure message.</summary>
    public string RecentOutput => string.Join("\n", _output.TakeLast(40));

    /// <summary>Where the Release (or Debug) build of the site is, beside this test assembly's own configuration.</summary>
    public static string BuiltSiteFolder()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "DynamicClinic.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var folder = Path.Combine(root.FullName, "src", "DynamicClinic.Web", "bin", configuration, framework);
        Assert.True(File.Exists(Path.Combine(folder, "DynamicClinic.Web.dll")), $"Build the site first: no DynamicClinic.Web.dll in {folder}.");
        return folder;
    }

    public static async Task<SiteProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var process = new Process { StartInfo = StartInfo(environment, arguments), EnableRaisingEvents = true };
        var site = new SiteProcess(process);
        process.OutputDataReceived += (_, e) => site.Read(e.Data);
        process.ErrorDataReceived += (_, e) => site.Read(e.Data);
        process.Exited += (_, _) => site._listening.TrySetException(new InvalidOperationException("The site exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            site.BaseAddress = await site._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var output = site.RecentOutput;
            site.Dispose();
            Assert.Fail($"The site did not start ({ex.Message}):\n{output}");
        }

        return site;
    }

    /// <summary>Runs the site as a one-off command (e.g. <c>--migrate-only</c>) to its end: its exit code and every line it wrote.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = new Process { StartInfo = StartInfo(environment, arguments) };
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail("The command did not end within 90 s:\n" + string.Join("\n", output));
        }

        // The redirected streams are drained once WaitForExit returns without a timeout.
        process.WaitForExit();
        return (process.ExitCode, output.ToList());

        void Add(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
            }
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var folder = BuiltSiteFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "DynamicClinic.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Polls <c>/health</c> until it answers 200.</summary>
    public async Task WaitUntilHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "The site did not become healthy:\n" + RecentOutput);
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process ends at once, with no shutdown code run (Process.Kill on Linux).</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (https://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
