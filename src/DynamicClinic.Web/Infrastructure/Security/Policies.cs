using DynamicClinic.Data;
using Microsoft.AspNetCore.Authorization;

namespace DynamicClinic.Web.Infrastructure.Security;

/// <summary>Named authorization policies. Pages name one of these, never a role string.</summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>Running the calendar and patient records: reception and admins.</summary>
    public const string FrontDesk = nameof(FrontDesk);

    /// <summary>Clinical work: clinicians (admins read through their own policy).</summary>
    public const string Clinical = nameof(Clinical);

    /// <summary>Reading clinical notes: clinicians, and admins (read-only). Never reception.</summary>
    public const string ClinicalRecords = nameof(ClinicalRecords);

    /// <summary>Staff accounts, schedules, treatments, settings and the audit log.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>
    /// The money: takings, the drawer, exports and the owner's reports. Admins and front desk leads, and all reception
    /// when the admins switch it on (decided by Features/Billing/MoneyAccess, which reads the billing settings).
    /// </summary>
    public const string Money = nameof(Money);

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.All));
        options.AddPolicy(FrontDesk, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Reception, StaffRoles.Admin));
        options.AddPolicy(Clinical, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Clinician));
        options.AddPolicy(ClinicalRecords, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Clinician, StaffRoles.Admin));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(StaffRoles.Admin));
        options.AddPolicy(Money, p => p.RequireAuthenticatedUser().AddRequirements(new SeesMoneyRequirement()));
    }
}

/// <summary>Met by admins, front desk leads, and reception when the billing settings allow it.</summary>
public sealed class SeesMoneyRequirement : IAuthorizationRequirement;
