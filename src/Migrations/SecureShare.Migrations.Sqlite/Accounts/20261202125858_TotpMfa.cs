using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Accounts
{
    /// <inheritdoc />
    public partial class TotpMfa : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TotpLastStep",
                table: "accounts_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "TotpPendingSecret",
                table: "accounts_users",
                type: "BLOB",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "TotpSecret",
                table: "accounts_users",
                type: "BLOB",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "accounts_mfa_challenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_mfa_challenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_mfa_challenges_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounts_recovery_codes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_recovery_codes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_recovery_codes_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_mfa_challenges_ExpiresAt",
                table: "accounts_mfa_challenges",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_mfa_challenges_FamilyId",
                table: "accounts_mfa_challenges",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_mfa_challenges_TenantId",
                table: "accounts_mfa_challenges",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_mfa_challenges_TokenHash",
                table: "accounts_mfa_challenges",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_mfa_challenges_UserId",
                table: "accounts_mfa_challenges",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_recovery_codes_FamilyId",
                table: "accounts_recovery_codes",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_recovery_codes_TenantId_UserId_CodeHash",
                table: "accounts_recovery_codes",
                columns: new[] { "TenantId", "UserId", "CodeHash" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_recovery_codes_UserId",
                table: "accounts_recovery_codes",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_mfa_challenges");

            migrationBuilder.DropTable(
                name: "accounts_recovery_codes");

            migrationBuilder.DropColumn(
                name: "TotpLastStep",
                table: "accounts_users");

            migrationBuilder.DropColumn(
                name: "TotpPendingSecret",
                table: "accounts_users");

            migrationBuilder.DropColumn(
                name: "TotpSecret",
                table: "accounts_users");
        }
    }
}
