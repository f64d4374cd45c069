using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DynamicClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CoveringAvailabilityIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appointments_ClinicianId_StartUtc",
                table: "Appointments");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_RoomId_StartUtc",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_ClinicianId_StartUtc_EndUtc_Status",
                table: "Appointments",
                columns: new[] { "ClinicianId", "StartUtc", "EndUtc", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_RoomId_StartUtc_EndUtc_Status",
                table: "Appointments",
                columns: new[] { "RoomId", "StartUtc", "EndUtc", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appointments_ClinicianId_StartUtc_EndUtc_Status",
                table: "Appointments");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_RoomId_StartUtc_EndUtc_Status",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_ClinicianId_StartUtc",
                table: "Appointments",
                columns: new[] { "ClinicianId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_RoomId_StartUtc",
                table: "Appointments",
                columns: new[] { "RoomId", "StartUtc" });
        }
    }
}
