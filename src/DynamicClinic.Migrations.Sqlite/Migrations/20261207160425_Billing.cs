using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace DynamicClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Billing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BillingSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsultationFeeRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    DiscountLimitPercent = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    CourseRefundPercent = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    FrontDeskLeadsMayRefund = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingSettings", x => x.Id);
                    table.CheckConstraint("CK_BillingSettings_Ranges", "\"ConsultationFeeRupees\" >= 0 AND \"DiscountLimitPercent\" >= 0 AND \"DiscountLimitPercent\" <= 10000 AND \"CourseRefundPercent\" >= 0 AND \"CourseRefundPercent\" <= 10000");
                    table.CheckConstraint("CK_BillingSettings_SingleRow", "\"Id\" = 1");
                });

            migrationBuilder.CreateTable(
                name: "CashDrawerCloses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpectedRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    CountedRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    DifferenceRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CashDrawerCloses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InvoiceNumberCounters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    LastNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvoiceNumberCounters", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "Invoices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                    AppointmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClinicianId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreditsInvoiceId = table.Column<int>(type: "INTEGER", nullable: true),
                    DiscountKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DiscountValue = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    DiscountReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubtotalRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    DiscountRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    TotalRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    PaidRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IssuedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Invoices", x => x.Id);
                    table.CheckConstraint("CK_Invoices_Amounts", "\"SubtotalRupees\" >= 0 AND \"DiscountRupees\" >= 0 AND \"TotalRupees\" >= 0");
                    table.CheckConstraint("CK_Invoices_Paid", "\"PaidRupees\" >= 0 AND \"PaidRupees\" <= \"TotalRupees\"");
                    table.ForeignKey(
                        name: "FK_Invoices_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Invoices_Invoices_CreditsInvoiceId",
                        column: x => x.CreditsInvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Invoices_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentMethods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NeedsReference = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsCash = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentMethods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                    table.CheckConstraint("CK_Products_Rupees", "\"Rupees\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "TreatmentPrices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TreatmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentPrices", x => x.Id);
                    table.CheckConstraint("CK_TreatmentPrices_Rupees", "\"Rupees\" >= 0");
                    table.ForeignKey(
                        name: "FK_TreatmentPrices_Treatments_TreatmentId",
                        column: x => x.TreatmentId,
                        principalTable: "Treatments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoursePackages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<int>(type: "INTEGER", nullable: false),
                    TreatmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    InvoiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsBought = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsUsed = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsRefunded = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoursePackages", x => x.Id);
                    table.CheckConstraint("CK_CoursePackages_Sessions", "\"SessionsBought\" >= 1 AND \"SessionsUsed\" >= 0 AND \"SessionsRefunded\" >= 0 AND \"SessionsUsed\" + \"SessionsRefunded\" <= \"SessionsBought\"");
                    table.ForeignKey(
                        name: "FK_CoursePackages_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoursePackages_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoursePackages_Treatments_TreatmentId",
                        column: x => x.TreatmentId,
                        principalTable: "Treatments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InvoiceLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InvoiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    TreatmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    CourseSessions = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvoiceLines", x => x.Id);
                    table.CheckConstraint("CK_InvoiceLines_Amounts", "\"Quantity\" >= 1 AND \"UnitRupees\" >= 0");
                    table.ForeignKey(
                        name: "FK_InvoiceLines_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Payments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InvoiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    PaymentMethodId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AmountRupees = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RefundOfPaymentId = table.Column<int>(type: "INTEGER", nullable: true),
                    TakenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TakenByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    TakenByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payments", x => x.Id);
                    table.CheckConstraint("CK_Payments_Amount", "\"AmountRupees\" > 0");
                    table.ForeignKey(
                        name: "FK_Payments_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payments_PaymentMethods_PaymentMethodId",
                        column: x => x.PaymentMethodId,
                        principalTable: "PaymentMethods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payments_Payments_RefundOfPaymentId",
                        column: x => x.RefundOfPaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CoursePackageUses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CoursePackageId = table.Column<int>(type: "INTEGER", nullable: false),
                    AppointmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoursePackageUses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoursePackageUses_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CoursePackageUses_CoursePackages_CoursePackageId",
                        column: x => x.CoursePackageId,
                        principalTable: "CoursePackages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[] { "c7d8e0a1-0000-4000-8000-000000000004", "c7d8e0a1-0000-4000-8000-000000000004", "FrontDeskLead", "FRONTDESKLEAD" });

            migrationBuilder.InsertData(
                table: "BillingSettings",
                columns: new[] { "Id", "ConsultationFeeRupees", "CourseRefundPercent", "DiscountLimitPercent", "FrontDeskLeadsMayRefund", "Version" },
                values: new object[] { 1, 3000L, 8000L, 1000L, true, new Guid("5b7c1e0a-0000-4000-8000-000000000001") });

            migrationBuilder.InsertData(
                table: "PaymentMethods",
                columns: new[] { "Id", "IsActive", "IsCash", "Name", "NeedsReference", "SortOrder" },
                values: new object[,]
                {
                    { 1, true, true, "Cash", false, 1 },
                    { 2, true, false, "Card", true, 2 },
                    { 3, true, false, "Bank transfer", true, 3 },
                    { 4, true, false, "JazzCash", true, 4 },
                    { 5, true, false, "Easypaisa", true, 5 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CashDrawerCloses_Day",
                table: "CashDrawerCloses",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_CoursePackages_InvoiceId",
                table: "CoursePackages",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CoursePackages_PatientId_TreatmentId",
                table: "CoursePackages",
                columns: new[] { "PatientId", "TreatmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_CoursePackages_TreatmentId",
                table: "CoursePackages",
                column: "TreatmentId");

            migrationBuilder.CreateIndex(
                name: "IX_CoursePackageUses_AppointmentId",
                table: "CoursePackageUses",
                column: "AppointmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CoursePackageUses_CoursePackageId",
                table: "CoursePackageUses",
                column: "CoursePackageId");

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceLines_InvoiceId",
                table: "InvoiceLines",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceLines_TreatmentId",
                table: "InvoiceLines",
                column: "TreatmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_AppointmentId",
                table: "Invoices",
                column: "AppointmentId",
                unique: true,
                filter: "\"AppointmentId\" IS NOT NULL AND \"Kind\" = 'Invoice' AND \"Status\" <> 'Credited'");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_CreditsInvoiceId",
                table: "Invoices",
                column: "CreditsInvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Number",
                table: "Invoices",
                column: "Number",
                unique: true,
                filter: "\"Number\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_PatientId",
                table: "Invoices",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_IssuedUtc",
                table: "Invoices",
                columns: new[] { "Status", "IssuedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentMethods_Name",
                table: "PaymentMethods",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_InvoiceId",
                table: "Payments",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_PaymentMethodId",
                table: "Payments",
                column: "PaymentMethodId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_RefundOfPaymentId",
                table: "Payments",
                column: "RefundOfPaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_TakenUtc",
                table: "Payments",
                column: "TakenUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Products_Name",
                table: "Products",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentPrices_TreatmentId_From",
                table: "TreatmentPrices",
                columns: new[] { "TreatmentId", "From" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BillingSettings");

            migrationBuilder.DropTable(
                name: "CashDrawerCloses");

            migrationBuilder.DropTable(
                name: "CoursePackageUses");

            migrationBuilder.DropTable(
                name: "InvoiceLines");

            migrationBuilder.DropTable(
                name: "InvoiceNumberCounters");

            migrationBuilder.DropTable(
                name: "Payments");

            migrationBuilder.DropTable(
                name: "Products");

            migrationBuilder.DropTable(
                name: "TreatmentPrices");

            migrationBuilder.DropTable(
                name: "CoursePackages");

            migrationBuilder.DropTable(
                name: "PaymentMethods");

            migrationBuilder.DropTable(
                name: "Invoices");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "c7d8e0a1-0000-4000-8000-000000000004");
        }
    }
}
