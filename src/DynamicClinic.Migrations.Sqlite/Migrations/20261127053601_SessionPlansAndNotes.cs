using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DynamicClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SessionPlansAndNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SessionNumber",
                table: "Appointments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SessionPlanId",
                table: "Appointments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SessionNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppointmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SignedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionNotes_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                    TreatmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClinicianId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PreferredDay = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PreferredTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    PhasesSummary = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TotalSessions = table.Column<int>(type: "INTEGER", nullable: false),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    EndedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionPlans_Clinicians_ClinicianId",
                        column: x => x.ClinicianId,
                        principalTable: "Clinicians",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionPlans_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionPlans_Treatments_TreatmentId",
                        column: x => x.TreatmentId,
                        principalTable: "Treatments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentPlanPhases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TreatmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    MinSessions = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxSessions = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultSessions = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalUnit = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentPlanPhases", x => x.Id);
                    table.CheckConstraint("CK_TreatmentPlanPhases_Interval", "IntervalCount >= 1");
                    table.CheckConstraint("CK_TreatmentPlanPhases_Sessions", "MinSessions >= 1 AND MinSessions <= MaxSessions AND DefaultSessions >= MinSessions AND DefaultSessions <= MaxSessions");
                    table.ForeignKey(
                        name: "FK_TreatmentPlanPhases_Treatments_TreatmentId",
                        column: x => x.TreatmentId,
                        principalTable: "Treatments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionNoteAmendments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionNoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionNoteAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionNoteAmendments_SessionNotes_SessionNoteId",
                        column: x => x.SessionNoteId,
                        principalTable: "SessionNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_SessionPlanId_SessionNumber",
                table: "Appointments",
                columns: new[] { "SessionPlanId", "SessionNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionNoteAmendments_SessionNoteId_CreatedUtc",
                table: "SessionNoteAmendments",
                columns: new[] { "SessionNoteId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionNotes_AppointmentId",
                table: "SessionNotes",
                column: "AppointmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionNotes_AuthorUserId_Status",
                table: "SessionNotes",
                columns: new[] { "AuthorUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionPlans_ClinicianId_Status",
                table: "SessionPlans",
                columns: new[] { "ClinicianId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionPlans_PatientId_Status",
                table: "SessionPlans",
                columns: new[] { "PatientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionPlans_TreatmentId",
                table: "SessionPlans",
                column: "TreatmentId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentPlanPhases_TreatmentId_Order",
                table: "TreatmentPlanPhases",
                columns: new[] { "TreatmentId", "Order" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Appointments_SessionPlans_SessionPlanId",
                table: "Appointments",
                column: "SessionPlanId",
                principalTable: "SessionPlans",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Appointments_SessionPlans_SessionPlanId",
                table: "Appointments");

            migrationBuilder.DropTable(
                name: "SessionNoteAmendments");

            migrationBuilder.DropTable(
                name: "SessionPlans");

            migrationBuilder.DropTable(
                name: "TreatmentPlanPhases");

            migrationBuilder.DropTable(
                name: "SessionNotes");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_SessionPlanId_SessionNumber",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "SessionNumber",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "SessionPlanId",
                table: "Appointments");
        }
    }
}
