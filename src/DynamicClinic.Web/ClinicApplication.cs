using System.Text.Json;
using DynamicClinic.Data;
using DynamicClinic.Web.Features.Admin;
using DynamicClinic.Web.Features.Booking;
using DynamicClinic.Web.Features.Patients;
using DynamicClinic.Web.Features.Privacy;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure;
using DynamicClinic.Web.Infrastructure.Database;
using DynamicClinic.Web.Infrastructure.Email;
using DynamicClinic.Web.Infrastructure.Hosting;
using DynamicClinic.Web.Infrastructure.Localization;
using DynamicClinic.Web.Infrastructure.Mvc;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Settings;
using DynamicClinic.Web.Infrastructure.Time;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog;

namespace DynamicClinic.Web;

/// <summary>How the site is put together: services first, then the request pipeline.</summary>
public static class ClinicApplication
{
    public const string PublicPagePolicy = "PublicPage";

    /// <summary>The output-cache tag of every public page; evicted when the clinic's settings change.</summary>
    public const string PublicPageTag = "public";

    /// <summary>How long an instance serves a public page from its output cache.</summary>
    public static readonly TimeSpan PublicPageCacheDuration = TimeSpan.FromMinutes(1);

    public static WebApplicationBuilder AddClinicServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var environment = builder.Environment;

        // No "Server: Kestrel" header: it tells a visitor nothing they need and a scanner what to try.
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);

        // The static Log.Logger is left alone: each host (two in one test process, or a test beside the site) logs
        // through its own logger, so one host's request events never land in another's file.
        services.AddSerilog(
            (provider, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext()
                .Filter.ByExcluding(ExpectedDbErrorsFilter.IsExpectedUniqueViolation),
            preserveStaticLogger: true);

        services.AddOptions<ClinicOptions>()
            .Bind(builder.Configuration.GetSection(ClinicOptions.SectionName))
            .ValidateSettings(ClinicOptions.SectionName)
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZoneId, out _), "Clinic:TimeZoneId is not a known time zone.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ClinicClock>();

        services.AddClinicDatabase(builder.Configuration, environment);
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<ClinicSettingsService>();
        services.AddHttpContextAccessor();
        services.AddScoped<DynamicClinic.Web.Infrastructure.Audit.AuditTrail>();
        services.AddBooking(builder.Configuration);
        services.AddScoped<DynamicClinic.Web.Features.Calendar.CalendarQuery>();
        services.AddScoped<DynamicClinic.Web.Features.Calendar.FindTime>();
        DynamicClinic.Web.Features.Scheduling.SchedulingServiceCollectionExtensions.AddScheduling(services);
        services.AddScoped<DynamicClinic.Web.Features.Appointments.AppointmentDesk>();
        services.AddScoped<DynamicClinic.Web.Features.Appointments.AppointmentPages>();
        services.AddScoped<DynamicClinic.Web.Features.SessionPlans.SessionPlanService>();
        services.AddScoped<DynamicClinic.Web.Features.SessionPlans.SessionPlanPages>();
        services.AddPatients();
        services.AddPrivacyRequests();
        services.AddAdmin();
        DynamicClinic.Web.Features.Billing.BillingServiceCollectionExtensions.AddBilling(services);
        services.AddScoped<DynamicClinic.Web.Features.TimeOff.BlockedTime>();
        DynamicClinic.Web.Features.Waitlist.WaitlistServiceCollectionExtensions.AddWaitlist(services, builder.Configuration);
        DynamicClinic.Web.Features.Recalls.RecallList.Register(services, builder.Configuration);
        services.AddScoped<DynamicClinic.Web.Features.Rooms.RoomAdmin>();
        services.AddScoped<DynamicClinic.Web.Features.Notes.NoteDesk>();
        services.AddScoped<DynamicClinic.Web.Features.Notes.TodayQuery>();
        services.AddClinicEmail(builder.Configuration, environment);
        DynamicClinic.Web.Infrastructure.Messaging.MessagingServiceCollectionExtensions.AddClinicMessaging(services, builder.Configuration);
        DynamicClinic.Web.Features.Messages.MessagingRateLimits.AddWebhookRateLimit(services, builder.Configuration);

        // Keys in the clinic's database: every instance behind the load balancer reads the same key ring, so a
        // cookie or antiforgery token issued by one is accepted by the others (docs/operations.md). Encrypted with a
        // certificate when DataProtection:Certificate:Path is set (KeyProtection).
        services.AddDataProtection()
            .SetApplicationName("DynamicClinic")
            .PersistKeysToDbContext<ClinicDbContext>()
            .ProtectKeysWithConfiguredCertificate(builder.Configuration);

        services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ClinicDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "DynamicClinic.Staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // A staff session ends after 30 minutes without a request.
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
            options.LoginPath = "/staff/sign-in";
            options.LogoutPath = "/staff/sign-out";
            options.AccessDeniedPath = "/staff/sign-in";
            options.ReturnUrlParameter = "returnUrl";
            // A signed-in member of staff without the right role gets a 403 page, not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // The second step of a two-factor sign-in: Identity's own scheme, registered by AddIdentity, keeps who gave the
        // right password for 5 minutes; the same cookie rules as the staff session.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "DynamicClinic.TwoFactor";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            options.SlidingExpiration = false;
        });
        services.AddScoped<IStaffTwoFactorRequirement, SettingsStaffTwoFactorRequirement>();
        services.AddScoped<StaffTwoFactor>();
        // Every staff request is checked against the stored account (one small read): an account an admin deactivated,
        // whose roles changed or whose password was reset stops working (or gets its new roles) at its next request.
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, StaffSessionValidator>());

        services.AddAuthorization(Policies.Register);
        services.AddSiteLocalization();

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "DynamicClinic.Antiforgery";
            // One cookie for both languages: under /ur the PathBase would otherwise make it "/ur" only.
            options.Cookie.Path = "/";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddControllersWithViews(options =>
            {
                // Every unsafe request must carry an antiforgery token.
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                // ...and one without (a page left open too long) gets its page back with a message, not a bare 400.
                options.Filters.Add<FormExpiredFilter>();
                options.Filters.Add<FluentValidationFilter>();
                // The clinic's settings (one row) are read once per request, before the controller needs them.
                options.Filters.Add<ClinicSettingsLoadFilter>();
                // FluentValidation owns the messages; MVC's implicit "field is required" would duplicate them.
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddRazorOptions(options => options.ViewLocationExpanders.Add(new FeatureViewLocationExpander()));

        services.AddValidatorsFromAssemblyContaining<ClinicOptions>(ServiceLifetime.Singleton);

        services.AddOutputCache(options =>
        {
            // Public pages show the clinic's contact details from the settings: saving the settings evicts this tag on
            // the instance that saved; other instances show the change when their copy expires (docs/operations.md).
            options.AddPolicy(PublicPagePolicy, policy => policy.Expire(PublicPageCacheDuration).Tag(PublicPageTag));
        });

        services.AddSingleton<DatabaseReadiness>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", failureStatus: HealthStatus.Unhealthy);

        services.AddReverseProxySupport(builder.Configuration);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        return builder;
    }

    public static WebApplication UseClinicPipeline(this WebApplication app)
    {
        // First: everything after it (HTTPS redirection, HSTS, cookies, rate limits, request log) sees the visitor's
        // scheme and address as nginx forwarded them (ReverseProxy).
        app.UseForwardedHeaders();
        app.UseSiteLanguage();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            // The database out of reach gives a 503 "try again" page (docs/operations.md, Faults); anything else a 500.
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                // A fresh scope: nothing from the failed request (its DbContext, its failed sign-in check) is reused.
                CreateScopeForErrors = true,
                StatusCodeSelector = exception => DatabaseFaults.IsUnavailable(exception)
                    ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());

        app.UseMiddleware<NulInFormMiddleware>();
        app.UseRouting();
        app.UseMiddleware<DatabaseReadinessGate>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();

        app.MapStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).DisableHttpMetrics();
        app.MapControllers().WithStaticAssets();
        return app;
    }

    // A short JSON report: the overall state and each check's state, nothing that leaks internals.
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
