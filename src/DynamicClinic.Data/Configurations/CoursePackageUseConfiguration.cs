using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class CoursePackageUseConfiguration : IEntityTypeConfiguration<CoursePackageUse>
{
    public void Configure(EntityTypeBuilder<CoursePackageUse> builder)
    {
        builder.HasOne<Appointment>().WithMany().HasForeignKey(u => u.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        // A completed session draws from a course once, however many times it is marked.
        builder.HasIndex(u => u.AppointmentId).IsUnique();
    }
}
