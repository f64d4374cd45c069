using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DynamicClinic.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class BillingAdmin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_BillingSettings_Ranges",
                table: "BillingSettings");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReceiptSentUtc",
                table: "Payments",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReleasedRupees",
                table: "Invoices",
                type: "bigint",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CourseRefundFeeRupees",
                table: "BillingSettings",
                type: "bigint",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "ReceptionSeesMoney",
                table: "BillingSettings",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SendReceiptOnPayment",
                table: "BillingSettings",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.UpdateData(
                table: "BillingSettings",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "CourseRefundFeeRupees", "ReceptionSeesMoney", "SendReceiptOnPayment" },
                values: new object[] { 0L, false, false });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Invoices_Released",
                table: "Invoices",
                sql: "\"ReleasedRupees\" >= 0 AND \"PaidRupees\" + \"ReleasedRupees\" <= \"TotalRupees\"");

            migrationBuilder.AddCheckConstraint(
                name: "CK_BillingSettings_Ranges",
                table: "BillingSettings",
                sql: "\"ConsultationFeeRupees\" >= 0 AND \"DiscountLimitPercent\" >= 0 AND \"DiscountLimitPercent\" <= 10000 AND \"CourseRefundPercent\" >= 0 AND \"CourseRefundPercent\" <= 10000 AND \"CourseRefundFeeRupees\" >= 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Invoices_Released",
                table: "Invoices");

            migrationBuilder.DropCheckConstraint(
                name: "CK_BillingSettings_Ranges",
                table: "BillingSettings");

            migrationBuilder.DropColumn(
                name: "ReceiptSentUtc",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ReleasedRupees",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "CourseRefundFeeRupees",
                table: "BillingSettings");

            migrationBuilder.DropColumn(
                name: "ReceptionSeesMoney",
                table: "BillingSettings");

            migrationBuilder.DropColumn(
                name: "SendReceiptOnPayment",
                table: "BillingSettings");

            migrationBuilder.AddCheckConstraint(
                name: "CK_BillingSettings_Ranges",
                table: "BillingSettings",
                sql: "\"ConsultationFeeRupees\" >= 0 AND \"DiscountLimitPercent\" >= 0 AND \"DiscountLimitPercent\" <= 10000 AND \"CourseRefundPercent\" >= 0 AND \"CourseRefundPercent\" <= 10000");
        }
    }
}
