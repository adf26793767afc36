using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Audit
{
    /// <inheritdoc />
    public partial class AuditNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ActorTenantId",
                table: "audit_events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorTenantName",
                table: "audit_events",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TenantName",
                table: "audit_events",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "audit_event_targets",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActorTenantId",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "ActorTenantName",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "TenantName",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "audit_event_targets");
        }
    }
}
