using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DynamicClinic.Migrations.SqlServer.Migrations
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
                    ClinicianId = table.Column<int>(type: "int", nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", maxLength: 1048576, nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UploadedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false),
                    SlotStepMinutes = table.Column<int>(type: "int", nullable: false),
                    BufferMinutes = table.Column<int>(type: "int", nullable: false),
                    MinimumNoticeHours = table.Column<int>(type: "int", nullable: false),
                    HorizonDays = table.Column<int>(type: "int", nullable: false),
                    CancellationCutoffHours = table.Column<int>(type: "int", nullable: false),
                    ReminderLeadHours = table.Column<int>(type: "int", nullable: false),
                    Address = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    PublicEmail = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    OpeningHours = table.Column<string>(type: "nvarchar(714)", maxLength: 714, nullable: false),
                    RequireStaffTwoFactor = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
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
