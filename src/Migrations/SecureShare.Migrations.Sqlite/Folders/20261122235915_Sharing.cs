using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Folders
{
    /// <inheritdoc />
    public partial class Sharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AudienceEveryone",
                table: "folders_credential_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "folders_credential_entry_audience",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrincipalId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_folders_credential_entry_audience", x => new { x.TenantId, x.CredentialId, x.PrincipalId });
                    table.ForeignKey(
                        name: "FK_folders_credential_entry_audience_folders_credential_entries_TenantId_CredentialId",
                        columns: x => new { x.TenantId, x.CredentialId },
                        principalTable: "folders_credential_entries",
                        principalColumns: new[] { "TenantId", "CredentialId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entry_audience_FamilyId",
                table: "folders_credential_entry_audience",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_folders_credential_entry_audience_TenantId",
                table: "folders_credential_entry_audience",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "folders_credential_entry_audience");

            migrationBuilder.DropColumn(
                name: "AudienceEveryone",
                table: "folders_credential_entries");
        }
    }
}
