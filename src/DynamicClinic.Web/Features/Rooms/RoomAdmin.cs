using System.Globalization;
using DynamicClinic.Data;
using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Rooms;
using DynamicClinic.Web.Infrastructure.Audit;
using DynamicClinic.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DynamicClinic.Web.Features.Rooms;

public sealed record RoomRow(int Id, string Name, bool IsActive, IReadOnlyList<string> Treatments);

public sealed record RoomsViewModel(IReadOnlyList<RoomRow> Rooms, string NewName);

/// <summary>One appointment in a room's column of the day view.</summary>
public sealed record RoomBooking(string Reference, string Time, string Clinician, string Treatment, string Status);

public sealed record RoomColumn(int Id, string Name, IReadOnlyList<RoomBooking> Bookings);

public sealed record RoomDayViewModel(DateOnly Date, string Title, IReadOnlyList<RoomColumn> Rooms);

/// <summary>Admins keep the rooms; reception sees a day by room. Every change is audited with the change.</summary>
public sealed class RoomAdmin(ClinicDbContext db, AuditTrail audit, ClinicClock clock)
{
    public async Task<RoomsViewModel> PageAsync(string newName, CancellationToken cancellationToken)
    {
        var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var treatments = await db.Treatments.AsNoTracking().Where(t => t.RoomId != null).Select(t => new { t.RoomId, t.Name }).ToListAsync(cancellationToken);
        return new RoomsViewModel(
            rooms.Select(r => new RoomRow(r.Id, r.Name, r.IsActive, treatments.Where(t => t.RoomId == r.Id).Select(t => t.Name).ToList())).ToList(),
            newName);
    }

    public async Task<Outcome> AddAsync(string? name, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        if (Problem(trimmed) is { } problem)
        {
            return new Outcome.Refused(problem) { Field = "Name" };
        }

        if (await db.Rooms.AnyAsync(r => r.Name == trimmed, cancellationToken))
        {
            return new Outcome.Refused("There is already a room with that name.") { Field = "Name" };
        }

        var room = new Room { Name = trimmed };
        db.Rooms.Add(room);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(AuditActions.RoomSaved, AuditEntityTypes.Room, room.Id, patientId: null, $"Room {room.Name} added", after: new { room.Name, room.IsActive });
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome.Done($"{room.Name} added. Choose it on a treatment that needs it.");
    }

    /// <summary>Takes a room out of use or back; one out of use cannot be chosen for a treatment (its history stays).</summary>
    public async Task<Outcome> SetActiveAsync(int id, bool active, CancellationToken cancellationToken)
    {
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (room is null)
        {
            return new Outcome.NotFound();
        }

        if (!active && await db.Treatments.AnyAsync(t => t.RoomId == id && t.IsActive, cancellationToken))
        {
            return new Outcome.Refused($"{room.Name} is still needed by a treatment. Choose another room (or none) on the treatment first.");
        }

        var before = room.IsActive;
        room.IsActive = active;
        audit.Record(AuditActions.RoomSaved, AuditEntityTypes.Room, room.Id, patientId: null, $"Room {room.Name} {(active ? "back in use" : "taken out of use")}",
            new { IsActive = before }, new { room.IsActive });
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome.Done(active ? $"{room.Name} is in use again." : $"{room.Name} is out of use.");
    }

    /// <summary>A day with one column per room, for seeing at a glance what holds each room.</summary>
    public async Task<RoomDayViewModel> DayAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var end = TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.TimeZone);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Name).Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken);
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.RoomId != null && a.StartUtc < end && a.EndUtc > start && a.Status != AppointmentStatus.Cancelled)
            .OrderBy(a => a.StartUtc)
            .Select(a => new { a.RoomId, a.Reference, a.StartUtc, a.EndUtc, Clinician = a.Clinician!.DisplayName, Treatment = a.Treatment!.Name, a.Status })
            .ToListAsync(cancellationToken);
        string Time(DateTime utc) => clock.ToClinicTime(utc).ToString("HH:mm", CultureInfo.InvariantCulture);
        return new RoomDayViewModel(
            date,
            date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture),
            rooms.Select(r => new RoomColumn(r.Id, r.Name, appointments.Where(a => a.RoomId == r.Id)
                .Select(a => new RoomBooking(a.Reference, $"{Time(a.StartUtc)}–{Time(a.EndUtc)}", a.Clinician, a.Treatment, AppointmentStatusRules.Describe(a.Status)))
                .ToList())).ToList());
    }

    private static string? Problem(string name) =>
        name.Length == 0 ? "Give the room a name, for example \"Procedure room\"."
        : name.Length > Room.NameMaxLength ? $"A room's name can be at most {Room.NameMaxLength} characters."
        : name.Any(char.IsControl) ? "Use letters, numbers and spaces only."
        : null;
}
