using Microsoft.AspNetCore.Identity;

namespace DynamicClinic.Data;

/// <summary>A member of staff who signs in. Patients never have accounts.</summary>
public class StaffUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated account cannot sign in; its history stays.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set when an admin created the account or reset its password: the next sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }
}
