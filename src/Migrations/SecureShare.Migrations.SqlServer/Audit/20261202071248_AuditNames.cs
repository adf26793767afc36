using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Audit
{
    /// <inheritdoc />
    public partial class AuditNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ActorTenantId",
                schema: "audit",
                table: "events",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorTenantName",
                schema: "audit",
                table: "events",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TenantName",
                schema: "audit",
                table: "events",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                schema: "audit",
                table: "event_targets",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActorTenantId",
                schema: "audit",
                table: "events");

            migrationBuilder.DropColumn(
                name: "ActorTenantName",
                schema: "audit",
                table: "events");

            migrationBuilder.DropColumn(
                name: "TenantName",
                schema: "audit",
                table: "events");

            migrationBuilder.DropColumn(
                name: "Name",
                schema: "audit",
                table: "event_targets");
        }
    }
}
