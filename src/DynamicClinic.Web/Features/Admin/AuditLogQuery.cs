using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Scheduling;
using DynamicClinic.Web.Infrastructure.Time;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>The audit log's filters, from the query string; the same on the page and in the CSV export.</summary>
public sealed class AuditLogFilter
{
    /// <summary>First clinic date included.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Last clinic date included.</summary>
    public DateOnly? To { get; set; }

    /// <summary>The staff account that acted.</summary>
    public string? Actor { get; set; }

    public int? Patient { get; set; }

    public string? Action { get; set; }

    private int _page = 1;

    /// <summary>1 or more; anything less reads as the first page (and an absurd one as an empty page, not an overflow).</summary>
    public int Page
    {
        get => _page;
        set => _page = Math.Clamp(value, 1, 1_000_000);
    }

    /// <summary>The query string for these filters (without the page), for paging and export links.</summary>
    public string QueryString(int? page = null)
    {
        var parts = new List<string>();
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("actor", Actor);
        Add("patient", Patient?.ToString(CultureInfo.InvariantCulture));
        Add("action", Action);
        if (page is > 1)
        {
            Add("page", page.Value.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }
}

public sealed class AuditLogFilterValidator : AbstractValidator<AuditLogFilter>
{
    public AuditLogFilterValidator()
    {
        RuleFor(f => f.From)
            .Must(d => d is null || ClinicDates.IsSane(d.Value)).WithMessage(ClinicDates.OutOfRangeMessage);
        RuleFor(f => f.To)
            .Must(d => d is null || ClinicDates.IsSane(d.Value)).WithMessage(ClinicDates.OutOfRangeMessage)
            .GreaterThanOrEqualTo(f => f.From).When(f => f.From is not null && f.To is not null)
            .WithMessage("The end date must be on or after the start date.");
        RuleFor(f => f.Action)
            .Must(a => string.IsNullOrEmpty(a) || AuditActions.All.Contains(a)).WithMessage("Choose an action from the list.");
        RuleFor(f => f.Patient)
            .GreaterThan(0).When(f => f.Patient is not null).WithMessage("A patient id is a whole number above 0.");
        RuleFor(f => f.Actor)
            .MaximumLength(450).WithMessage("Choose a staff member from the list.");
    }
}

/// <summary>One audit entry as shown and exported, its time in clinic time.</summary>
public sealed record AuditLogRow(
    long Id,
    DateTime OccurredLocal,
    string ActorName,
    string? ActorUserId,
    string Action,
    string EntityType,
    string EntityId,
    int? PatientId,
    string Summary,
    string? Before,
    string? After);

/// <summary>Reads the audit log, newest first, filtered. Read-only: there is no way to change an entry.</summary>
public sealed class AuditLogQuery(ClinicDbContext db, ClinicClock clock)
{
    public const int PageSize = 50;

    public async Task<(IReadOnlyList<AuditLogRow> Rows, int Total)> PageAsync(AuditLogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filtered(filter);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query
            .Skip((filter.Page - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        return (entries.Select(Row).ToList(), total);
    }

    /// <summary>Every matching entry, streamed, for the CSV export.</summary>
    public async IAsyncEnumerable<AuditLogRow> AllAsync(AuditLogFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in Filtered(filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return Row(entry);
        }
    }

    public async Task<IReadOnlyList<(string Id, string Label)>> StaffAsync(CancellationToken cancellationToken)
    {
        var staff = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return staff.Select(s => (s.Id, $"{s.DisplayName} ({s.Email})")).ToList();
    }

    private IQueryable<AuditEntry> Filtered(AuditLogFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.From is { } from)
        {
            var fromUtc = StartOfClinicDayUtc(from);
            query = query.Where(a => a.OccurredUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var beforeUtc = StartOfClinicDayUtc(to.AddDays(1));
            query = query.Where(a => a.OccurredUtc < beforeUtc);
        }

        if (!string.IsNullOrEmpty(filter.Actor))
        {
            query = query.Where(a => a.ActorUserId == filter.Actor);
        }

        if (filter.Patient is { } patient)
        {
            query = query.Where(a => a.PatientId == patient);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        return query.OrderByDescending(a => a.OccurredUtc).ThenByDescending(a => a.Id);
    }

    private DateTime StartOfClinicDayUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.TimeZone);

    private AuditLogRow Row(AuditEntry a) => new(
        a.Id, clock.ToClinicTime(a.OccurredUtc), a.ActorName, a.ActorUserId, a.Action, a.EntityType, a.EntityId, a.PatientId, a.Summary, a.Before, a.After);
}
