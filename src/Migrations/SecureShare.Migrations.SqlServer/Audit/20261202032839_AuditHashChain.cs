using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.SqlServer.Audit
{
    /// <inheritdoc />
    public partial class AuditHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chain_heads",
                schema: "audit",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Signature = table.Column<byte[]>(type: "varbinary(80)", maxLength: 80, nullable: false),
                    KeyId = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chain_heads", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "chain_links",
                schema: "audit",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Index = table.Column<long>(type: "bigint", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EventSequence = table.Column<long>(type: "bigint", nullable: false),
                    EventId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    SealedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chain_links", x => new { x.TenantId, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "maintenance_gate",
                schema: "audit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_gate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sealer",
                schema: "audit",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    SealedThrough = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sealer", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_chain_heads_FamilyId",
                schema: "audit",
                table: "chain_heads",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_chain_links_FamilyId",
                schema: "audit",
                table: "chain_links",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_chain_links_TenantId_EventSequence",
                schema: "audit",
                table: "chain_links",
                columns: new[] { "TenantId", "EventSequence" },
                unique: true);

            // Append-only in the database too (decision 0029; EXEC, since CREATE TRIGGER must begin its batch): an UPDATE or DELETE of events, their targets or the
            // chain's links fails unless the same transaction holds a row in maintenance_gate (retention's path).
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [audit].[events_append_only] ON [audit].[events] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF NOT EXISTS (SELECT 1 FROM [audit].[maintenance_gate])
                        THROW 51000, N''audit.events is append-only: UPDATE and DELETE are refused.'', 1;
                END');
                """);
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [audit].[event_targets_append_only] ON [audit].[event_targets] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF NOT EXISTS (SELECT 1 FROM [audit].[maintenance_gate])
                        THROW 51000, N''audit.event_targets is append-only: UPDATE and DELETE are refused.'', 1;
                END');
                """);
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [audit].[chain_links_append_only] ON [audit].[chain_links] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF NOT EXISTS (SELECT 1 FROM [audit].[maintenance_gate])
                        THROW 51000, N''audit.chain_links is append-only: UPDATE and DELETE are refused.'', 1;
                END');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER [audit].[events_append_only];");
            migrationBuilder.Sql("DROP TRIGGER [audit].[event_targets_append_only];");
            migrationBuilder.Sql("DROP TRIGGER [audit].[chain_links_append_only];");

            migrationBuilder.DropTable(
                name: "chain_heads",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "chain_links",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "maintenance_gate",
                schema: "audit");

            migrationBuilder.DropTable(
                name: "sealer",
                schema: "audit");
        }
    }
}
