using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.PostgreSql.Accounts
{
    /// <inheritdoc />
    public partial class TotpMfa : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TotpLastStep",
                schema: "accounts",
                table: "users",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "TotpPendingSecret",
                schema: "accounts",
                table: "users",
                type: "bytea",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "TotpSecret",
                schema: "accounts",
                table: "users",
                type: "bytea",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "mfa_challenges",
                schema: "accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    SecurityStamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mfa_challenges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mfa_challenges_users_UserId",
                        column: x => x.UserId,
                        principalSchema: "accounts",
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recovery_codes",
                schema: "accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CodeHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recovery_codes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recovery_codes_users_UserId",
                        column: x => x.UserId,
                        principalSchema: "accounts",
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_mfa_challenges_ExpiresAt",
                schema: "accounts",
                table: "mfa_challenges",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_mfa_challenges_FamilyId",
                schema: "accounts",
                table: "mfa_challenges",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_mfa_challenges_TenantId",
                schema: "accounts",
                table: "mfa_challenges",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_mfa_challenges_TokenHash",
                schema: "accounts",
                table: "mfa_challenges",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mfa_challenges_UserId",
                schema: "accounts",
                table: "mfa_challenges",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_recovery_codes_FamilyId",
                schema: "accounts",
                table: "recovery_codes",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_recovery_codes_TenantId_UserId_CodeHash",
                schema: "accounts",
                table: "recovery_codes",
                columns: new[] { "TenantId", "UserId", "CodeHash" });

            migrationBuilder.CreateIndex(
                name: "IX_recovery_codes_UserId",
                schema: "accounts",
                table: "recovery_codes",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mfa_challenges",
                schema: "accounts");

            migrationBuilder.DropTable(
                name: "recovery_codes",
                schema: "accounts");

            migrationBuilder.DropColumn(
                name: "TotpLastStep",
                schema: "accounts",
                table: "users");

            migrationBuilder.DropColumn(
                name: "TotpPendingSecret",
                schema: "accounts",
                table: "users");

            migrationBuilder.DropColumn(
                name: "TotpSecret",
                schema: "accounts",
                table: "users");
        }
    }
}
