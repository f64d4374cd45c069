using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DynamicClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ManageLinksAndDuplicateFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PossibleDuplicateOfPatientId",
                table: "Patients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "Appointments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AppointmentManageTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppointmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentManageTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppointmentManageTokens_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Hand-written: each appointment's existing manage link keeps working (its hash moves to the new table).
            migrationBuilder.Sql(
                "INSERT INTO AppointmentManageTokens (AppointmentId, TokenHash, CreatedUtc) "
                + "SELECT Id, ManageTokenHash, CreatedUtc FROM Appointments WHERE ManageTokenHash IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "ManageTokenHash",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PossibleDuplicateOfPatientId",
                table: "Patients",
                column: "PossibleDuplicateOfPatientId");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentManageTokens_AppointmentId",
                table: "AppointmentManageTokens",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentManageTokens_TokenHash",
                table: "AppointmentManageTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Patients_Patients_PossibleDuplicateOfPatientId",
                table: "Patients",
                column: "PossibleDuplicateOfPatientId",
                principalTable: "Patients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Patients_Patients_PossibleDuplicateOfPatientId",
                table: "Patients");

            migrationBuilder.DropTable(
                name: "AppointmentManageTokens");

            migrationBuilder.DropIndex(
                name: "IX_Patients_PossibleDuplicateOfPatientId",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "PossibleDuplicateOfPatientId",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "CalendarSequence",
                table: "Appointments");

            migrationBuilder.AddColumn<string>(
                name: "ManageTokenHash",
                table: "Appointments",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: true);
        }
    }
}
