using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Audit
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorTenantName",
                schema: "audit",
                table: "events",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TenantName",
                schema: "audit",
                table: "events",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                schema: "audit",
                table: "event_targets",
                type: "character varying(256)",
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
