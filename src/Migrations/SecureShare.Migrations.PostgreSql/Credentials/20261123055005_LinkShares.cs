using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Credentials
{
    /// <inheritdoc />
    public partial class LinkShares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "link_policies",
                schema: "credentials",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    MaxExpiryMinutes = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_policies", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "link_shares",
                schema: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Fields = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Nonce = table.Column<byte[]>(type: "bytea", maxLength: 12, nullable: false),
                    Ciphertext = table.Column<byte[]>(type: "bytea", nullable: true),
                    PassphraseHash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    MaxViews = table.Column<int>(type: "integer", nullable: false),
                    Views = table.Column<int>(type: "integer", nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_shares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_link_shares_credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalSchema: "credentials",
                        principalTable: "credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_link_policies_FamilyId",
                schema: "credentials",
                table: "link_policies",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_link_shares_CredentialId",
                schema: "credentials",
                table: "link_shares",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_link_shares_ExpiresAt",
                schema: "credentials",
                table: "link_shares",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_link_shares_FamilyId",
                schema: "credentials",
                table: "link_shares",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_link_shares_TenantId_CredentialId",
                schema: "credentials",
                table: "link_shares",
                columns: new[] { "TenantId", "CredentialId" });

            migrationBuilder.CreateIndex(
                name: "IX_link_shares_TokenHash",
                schema: "credentials",
                table: "link_shares",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "link_policies",
                schema: "credentials");

            migrationBuilder.DropTable(
                name: "link_shares",
                schema: "credentials");
        }
    }
}
