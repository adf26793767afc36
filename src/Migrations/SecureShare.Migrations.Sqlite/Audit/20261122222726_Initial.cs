using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecureShare.Migrations.Sqlite.Audit
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "audit_event_targets",
                columns: table => new
                {
                    EventSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FamilyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_event_targets", x => new { x.EventSequence, x.Kind, x.TargetId });
                    table.ForeignKey(
                        name: "FK_audit_event_targets_audit_events_EventSequence",
                        column: x => x.EventSequence,
                        principalTable: "audit_events",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_event_targets_FamilyId",
                table: "audit_event_targets",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_event_targets_TenantId",
                table: "audit_event_targets",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_event_targets_TenantId_TargetId_EventSequence",
                table: "audit_event_targets",
                columns: new[] { "TenantId", "TargetId", "EventSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_FamilyId",
                table: "audit_events",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Id",
                table: "audit_events",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_TenantId",
                table: "audit_events",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_TenantId_ActorUserId_Sequence",
                table: "audit_events",
                columns: new[] { "TenantId", "ActorUserId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_TenantId_Sequence",
                table: "audit_events",
                columns: new[] { "TenantId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_TenantId_Type_Sequence",
                table: "audit_events",
                columns: new[] { "TenantId", "Type", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_event_targets");

            migrationBuilder.DropTable(
                name: "audit_events");
        }
    }
}
