using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Audit
{
    /// <inheritdoc />
    public partial class AuditHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_chain_heads",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", maxLength: 80, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_heads", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "audit_chain_links",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    SealedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_links", x => new { x.TenantId, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "audit_maintenance_gate",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_maintenance_gate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_sealer",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    SealedThrough = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_sealer", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_chain_heads_FamilyId",
                table: "audit_chain_heads",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_chain_links_FamilyId",
                table: "audit_chain_links",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_chain_links_TenantId_EventSequence",
                table: "audit_chain_links",
                columns: new[] { "TenantId", "EventSequence" },
                unique: true);

            // Append-only in the database too (decision 0029): an UPDATE or DELETE of events, their targets or the
            // chain's links fails unless the same transaction holds a row in audit_maintenance_gate (retention's path).
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance_gate) BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance_gate) BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_event_targets_no_update BEFORE UPDATE ON audit_event_targets WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance_gate) BEGIN SELECT RAISE(ABORT, 'audit_event_targets is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_event_targets_no_delete BEFORE DELETE ON audit_event_targets WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance_gate) BEGIN SELECT RAISE(ABORT, 'audit_event_targets is append-only: DELETE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_chain_links_no_update BEFORE UPDATE ON audit_chain_links WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance_gate) BEGIN SELECT RAISE(ABORT, 'audit_chain_links is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_chain_links_no_delete BEFORE DELETE ON audit_chain_links WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance_gate) BEGIN SELECT RAISE(ABORT, 'audit_chain_links is append-only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER audit_event_targets_no_update; DROP TRIGGER audit_event_targets_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER audit_chain_links_no_update; DROP TRIGGER audit_chain_links_no_delete;");

            migrationBuilder.DropTable(
                name: "audit_chain_heads");

            migrationBuilder.DropTable(
                name: "audit_chain_links");

            migrationBuilder.DropTable(
                name: "audit_maintenance_gate");

            migrationBuilder.DropTable(
                name: "audit_sealer");
        }
    }
}
