using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DynamicClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_TakenUtc",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Status_IssuedUtc",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_InvoiceLines_InvoiceId",
                table: "InvoiceLines");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_EntityId",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_StartUtc",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_TakenUtc_PaymentMethodId_Kind_AmountRupees",
                table: "Payments",
                columns: new[] { "TakenUtc", "PaymentMethodId", "Kind", "AmountRupees" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_IssuedUtc_Kind_ClinicianId_TotalRupees_DiscountRupees_PaidRupees_ReleasedRupees",
                table: "Invoices",
                columns: new[] { "Status", "IssuedUtc", "Kind", "ClinicianId", "TotalRupees", "DiscountRupees", "PaidRupees", "ReleasedRupees" });

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceLines_InvoiceId_Kind_TreatmentId_UnitRupees_Quantity",
                table: "InvoiceLines",
                columns: new[] { "InvoiceId", "Kind", "TreatmentId", "UnitRupees", "Quantity" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityId_Action_OccurredUtc",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityId", "Action", "OccurredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_StartUtc_ClinicianId_Status_Source_SessionPlanId_EndUtc",
                table: "Appointments",
                columns: new[] { "StartUtc", "ClinicianId", "Status", "Source", "SessionPlanId", "EndUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_TakenUtc_PaymentMethodId_Kind_AmountRupees",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Status_IssuedUtc_Kind_ClinicianId_TotalRupees_DiscountRupees_PaidRupees_ReleasedRupees",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_InvoiceLines_InvoiceId_Kind_TreatmentId_UnitRupees_Quantity",
                table: "InvoiceLines");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_EntityId_Action_OccurredUtc",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Appointments_StartUtc_ClinicianId_Status_Source_SessionPlanId_EndUtc",
                table: "Appointments");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_TakenUtc",
                table: "Payments",
                column: "TakenUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_IssuedUtc",
                table: "Invoices",
                columns: new[] { "Status", "IssuedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceLines_InvoiceId",
                table: "InvoiceLines",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityId",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_StartUtc",
                table: "Appointments",
                column: "StartUtc");
        }
    }
}
