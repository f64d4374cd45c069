using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

/// <summary>The staff roles are reference data: every database gets them from its migrations, in every environment.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder)
    {
        builder.HasData(
            Role("c7d8e0a1-0000-4000-8000-000000000001", StaffRoles.Admin),
            Role("c7d8e0a1-0000-4000-8000-000000000002", StaffRoles.Reception),
            Role("c7d8e0a1-0000-4000-8000-000000000003", StaffRoles.Clinician),
            Role("c7d8e0a1-0000-4000-8000-000000000004", StaffRoles.FrontDeskLead));
    }

    // Fixed ids and stamps keep the seeded rows identical in every generated migration.
    private static IdentityRole Role(string id, string name) => new()
    {
        Id = id,
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}
