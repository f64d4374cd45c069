namespace DynamicClinic.Data;

/// <summary>The clinic's staff roles. One place for the names so no page spells them by hand.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Reception = "Reception";
    public const string Clinician = "Clinician";

    /// <summary>Reception's lead: sees the money (takings, reports) and closes the drawer; see Features/Billing.</summary>
    public const string FrontDeskLead = "FrontDeskLead";

    public static readonly IReadOnlyList<string> All = [Admin, Reception, Clinician, FrontDeskLead];
}
