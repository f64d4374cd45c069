using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DynamicClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClinicSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClinicianPhotos",
                columns: table => new
                {
                    ClinicianId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", maxLength: 1048576, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClinicianPhotos", x => x.ClinicianId);
                    table.ForeignKey(
                        name: "FK_ClinicianPhotos_Clinicians_ClinicianId",
                        column: x => x.ClinicianId,
                        principalTable: "Clinicians",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClinicSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    SlotStepMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    BufferMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumNoticeHours = table.Column<int>(type: "INTEGER", nullable: false),
                    HorizonDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CancellationCutoffHours = table.Column<int>(type: "INTEGER", nullable: false),
                    ReminderLeadHours = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    PublicEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    OpeningHours = table.Column<string>(type: "TEXT", maxLength: 714, nullable: false),
                    RequireStaffTwoFactor = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClinicSettings", x => x.Id);
                    table.CheckConstraint("CK_ClinicSettings_Ranges", "SlotStepMinutes IN (5, 10, 15, 20, 30, 60, 120) AND BufferMinutes >= 0 AND BufferMinutes <= 120 AND MinimumNoticeHours >= 0 AND MinimumNoticeHours <= 168 AND HorizonDays >= 1 AND HorizonDays <= 365 AND CancellationCutoffHours >= 0 AND CancellationCutoffHours <= 168 AND ReminderLeadHours >= 1 AND ReminderLeadHours <= 168");
                    table.CheckConstraint("CK_ClinicSettings_SingleRow", "Id = 1");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClinicianPhotos");

            migrationBuilder.DropTable(
                name: "ClinicSettings");
        }
    }
}
