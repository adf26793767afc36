using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Credentials
{
    /// <inheritdoc />
    public partial class LinkShares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credentials_link_policies",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MaxExpiryMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_link_policies", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "credentials_link_shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Nonce = table.Column<byte[]>(type: "BLOB", maxLength: 12, nullable: false),
                    Ciphertext = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PassphraseHash = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    MaxViews = table.Column<int>(type: "INTEGER", nullable: false),
                    Views = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials_link_shares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credentials_link_shares_credentials_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "credentials_credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_policies_FamilyId",
                table: "credentials_link_policies",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_shares_CredentialId",
                table: "credentials_link_shares",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_shares_ExpiresAt",
                table: "credentials_link_shares",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_shares_FamilyId",
                table: "credentials_link_shares",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_shares_TenantId_CredentialId",
                table: "credentials_link_shares",
                columns: new[] { "TenantId", "CredentialId" });

            migrationBuilder.CreateIndex(
                name: "IX_credentials_link_shares_TokenHash",
                table: "credentials_link_shares",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credentials_link_policies");

            migrationBuilder.DropTable(
                name: "credentials_link_shares");
        }
    }
}
