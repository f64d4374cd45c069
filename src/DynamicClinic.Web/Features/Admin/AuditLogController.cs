using System.Globalization;
using System.Text;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Security;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DynamicClinic.Web.Features.Admin;

/// <summary>
/// The audit log, for admins only: filter, page, export as CSV. Read-only by design: there are no routes that change
/// or delete an entry, and the DbContext refuses such a save anyway.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AuditLogController(AuditLogQuery log, ClinicClock clock) : StaffControllerBase
{
    [HttpGet("/staff/admin/audit")]
    public async Task<IActionResult> Index([FromQuery] AuditLogFilter filter, CancellationToken cancellationToken)
    {
        var staff = await log.StaffAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("AuditLog", new AuditLogViewModel(filter, [], 0, 1, staff));
        }

        var (rows, total) = await log.PageAsync(filter, cancellationToken);
        var pages = Math.Max(1, (total + AuditLogQuery.PageSize - 1) / AuditLogQuery.PageSize);
        return View("AuditLog", new AuditLogViewModel(filter, rows, total, pages, staff));
    }

    [HttpGet("/staff/admin/audit.csv")]
    public async Task<IActionResult> Export([FromQuery] AuditLogFilter filter, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"audit-log-{clock.LocalNow:yyyyMMdd-HHmm}.csv");
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        // A byte order mark, so that Excel reads the names as UTF-8.
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
        await writer.WriteAsync(AuditCsv.Line(AuditCsv.Header));
        await foreach (var row in log.AllAsync(filter, cancellationToken))
        {
            await writer.WriteAsync(AuditCsv.Line(row));
        }

        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }
}

public sealed record AuditLogViewModel(
    AuditLogFilter Filter,
    IReadOnlyList<AuditLogRow> Rows,
    int Total,
    int Pages,
    IReadOnlyList<(string Id, string Label)> Staff);
