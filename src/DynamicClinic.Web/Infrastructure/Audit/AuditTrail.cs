using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using DynamicClinic.Data;
using DynamicClinic.Domain.Audit;
using DynamicClinic.Domain.Patients;
using DynamicClinic.Web.Features.Staff;
using DynamicClinic.Web.Infrastructure.Time;

namespace DynamicClinic.Web.Infrastructure.Audit;

/// <summary>
/// Adds audit entries to the same unit of work as the change they describe, so an entry is saved exactly when
/// the change is (callers save). The actor is the signed-in staff member, or the patient acting online.
/// </summary>
public sealed class AuditTrail(ClinicDbContext db, IHttpContextAccessor httpContextAccessor, ClinicClock clock)
{
    public const string PatientOnline = "Patient (online)";
    public const string SystemActor = "System";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <param name="before">The fields the change touched, as they were (an anonymous object); null for a creation.</param>
    /// <param name="after">The same fields afterwards; null for a view or a removal.</param>
    public AuditEntry Record(string action, string entityType, object entityId, int? patientId, string summary, object? before = null, object? after = null) =>
        Add(action, entityType, entityId, patientId, null, summary, before, after);

    /// <summary>For a change that concerns a patient who may be created in the same save.</summary>
    public AuditEntry Record(string action, string entityType, object entityId, Patient patient, string summary, object? before = null, object? after = null) =>
        Add(action, entityType, entityId, patient.Id > 0 ? patient.Id : null, patient.Id > 0 ? null : patient, summary, before, after);

    /// <summary>
    /// For a staff member's own sign-in step: the request is not signed in yet (the cookie goes out with the response),
    /// so the actor is named here rather than read from it.
    /// </summary>
    public AuditEntry RecordForSigningIn(string actorUserId, string actorName, string action, string entityType, object entityId, string summary, object? before = null, object? after = null) =>
        Add(action, entityType, entityId, null, null, summary, before, after, (actorUserId, actorName));

    private AuditEntry Add(
        string action, string entityType, object entityId, int? patientId, Patient? patient, string summary, object? before, object? after,
        (string? UserId, string Name)? actor = null)
    {
        var (userId, name) = actor ?? Actor();
        var entry = new AuditEntry
        {
            OccurredUtc = clock.UtcNow,
            ActorUserId = userId,
            ActorName = Truncate(name, AuditEntry.ActorNameMaxLength),
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, CultureInfo.InvariantCulture) ?? "",
            PatientId = patientId,
            Patient = patient,
            Summary = Truncate(summary, AuditEntry.SummaryMaxLength),
            Before = Serialize(before),
            After = Serialize(after),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private (string? UserId, string Name) Actor()
    {
        var user = httpContextAccessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated == true)
        {
            var name = user.FindFirstValue(StaffClaimTypes.DisplayName);
            var email = user.FindFirstValue(ClaimTypes.Name);
            var label = string.IsNullOrWhiteSpace(name) ? email ?? "Staff member" : $"{name} ({email})";
            return (user.FindFirstValue(ClaimTypes.NameIdentifier), label);
        }

        return (null, httpContextAccessor.HttpContext is null ? SystemActor : PatientOnline);
    }

    private static string? Serialize(object? state) =>
        state is null ? null : Truncate(JsonSerializer.Serialize(state, Json), AuditEntry.StateMaxLength);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
