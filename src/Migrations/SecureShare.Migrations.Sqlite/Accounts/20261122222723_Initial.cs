using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Accounts
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_tenants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ParentMspId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_tenants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "accounts_users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsDisabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailedLoginCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LockoutEndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_users", x => x.Id);
                    table.ForeignKey(
                        name: "FK_accounts_users_accounts_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "accounts_tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accounts_group_members",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_group_members", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_accounts_group_members_accounts_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "accounts_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_accounts_group_members_accounts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "accounts_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_group_members_FamilyId",
                table: "accounts_group_members",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_group_members_TenantId",
                table: "accounts_group_members",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_group_members_TenantId_UserId",
                table: "accounts_group_members",
                columns: new[] { "TenantId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_group_members_UserId",
                table: "accounts_group_members",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_groups_FamilyId",
                table: "accounts_groups",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_groups_TenantId",
                table: "accounts_groups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_groups_TenantId_NormalizedName",
                table: "accounts_groups",
                columns: new[] { "TenantId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_tenants_Identifier",
                table: "accounts_tenants",
                column: "Identifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_tenants_ParentMspId_NormalizedName",
                table: "accounts_tenants",
                columns: new[] { "ParentMspId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_FamilyId",
                table: "accounts_users",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_NormalizedEmail",
                table: "accounts_users",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_TenantId",
                table: "accounts_users",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_users_TenantId_NormalizedEmail",
                table: "accounts_users",
                columns: new[] { "TenantId", "NormalizedEmail" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts_group_members");

            migrationBuilder.DropTable(
                name: "accounts_groups");

            migrationBuilder.DropTable(
                name: "accounts_users");

            migrationBuilder.DropTable(
                name: "accounts_tenants");
        }
    }
}
