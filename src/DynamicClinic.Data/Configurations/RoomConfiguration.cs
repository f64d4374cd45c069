using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Rooms;
using DynamicClinic.Domain.Treatments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(Room.NameMaxLength).IsRequired();
        builder.HasIndex(r => r.Name).IsUnique();

        // The treatments that need the room, and the appointments that hold it; a room with history is deactivated, never deleted.
        builder.HasMany<Treatment>().WithOne().HasForeignKey(t => t.RoomId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<Appointment>().WithOne().HasForeignKey(a => a.RoomId).OnDelete(DeleteBehavior.Restrict);
    }
}
