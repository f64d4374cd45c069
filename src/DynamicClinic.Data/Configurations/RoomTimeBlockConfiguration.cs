using DynamicClinic.Domain.Appointments;
using DynamicClinic.Domain.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DynamicClinic.Data.Configurations;

internal sealed class RoomTimeBlockConfiguration : IEntityTypeConfiguration<RoomTimeBlock>
{
    public void Configure(EntityTypeBuilder<RoomTimeBlock> builder)
    {
        // The constraint that keeps a room from being double-booked: one holder per room per five minutes.
        builder.HasKey(b => new { b.RoomId, b.StartUtc });
        builder.HasIndex(b => b.AppointmentId);
        builder.HasOne<Room>().WithMany().HasForeignKey(b => b.RoomId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Appointment>().WithMany(a => a.RoomBlocks).HasForeignKey(b => b.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
