using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Folders
{
    /// <inheritdoc />
    public partial class Sharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AudienceEveryone",
                schema: "folders",
                table: "credential_entries",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "credential_entry_audience",
                schema: "folders",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PrincipalId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credential_entry_audience", x => new { x.TenantId, x.CredentialId, x.PrincipalId });
                    table.ForeignKey(
                        name: "FK_credential_entry_audience_credential_entries_TenantId_CredentialId",
                        columns: x => new { x.TenantId, x.CredentialId },
                        principalSchema: "folders",
                        principalTable: "credential_entries",
                        principalColumns: new[] { "TenantId", "CredentialId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credential_entry_audience_FamilyId",
                schema: "folders",
                table: "credential_entry_audience",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credential_entry_audience_TenantId",
                schema: "folders",
                table: "credential_entry_audience",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credential_entry_audience",
                schema: "folders");

            migrationBuilder.DropColumn(
                name: "AudienceEveryone",
                schema: "folders",
                table: "credential_entries");
        }
    }
}
