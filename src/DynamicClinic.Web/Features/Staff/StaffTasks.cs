using DynamicClinic.Data;

namespace DynamicClinic.Web.Features.Staff;

/// <summary>One thing a role does, with a link once the page for it exists.</summary>
public sealed record StaffTask(string Title, string Description, string? Href);

public sealed record StaffRoleTasks(string Role, string Heading, IReadOnlyList<StaffTask> Tasks);

/// <summary>What each role is here to do. Tasks whose pages have not been built yet show without a link.</summary>
public static class StaffTasks
{
    public static IReadOnlyList<StaffRoleTasks> For(IEnumerable<string> roles) =>
        roles.Select(role => role switch
        {
            StaffRoles.Reception => new StaffRoleTasks(role, "Reception", [
                new("Appointment calendar", "See the day per clinician: who is booked, when, and for what.", "/staff/calendar"),
                new("Patients", "Find a patient by name, phone or booking reference and keep their details up to date.", "/staff/patients"),
            ]),
            StaffRoles.Clinician => new StaffRoleTasks(role, "Clinician", [
                new("Your calendar", "Your appointments for the day, read-only.", "/staff/calendar"),
                new("Today and session notes", "Your patients today, and the note for each one: write, sign, amend.", "/staff/today"),
                new("New treatment plan", "Plan a patient's course of sessions and book them all at once.", "/staff/plans/new"),
            ]),
            StaffRoles.Admin => new StaffRoleTasks(role, "Administration", [
                new("Staff accounts", "Add staff, change their roles, deactivate, unlock or reset a password.", "/staff/admin/users"),
                new("Schedules and treatments", "Working hours, time off, clinic closures and the treatments offered.", "/staff/admin/clinicians"),
                new("Audit log", "Who did what, and when.", "/staff/admin/audit"),
                new("Clinic settings", "Booking rules, reminders, the clinic's contact details and staff two-factor sign-in.", "/staff/admin/settings"),
            ]),
            _ => new StaffRoleTasks(role, role, []),
        }).ToList();
}
