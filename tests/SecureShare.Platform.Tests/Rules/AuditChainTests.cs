using SecureShare.BuildingBlocks.Messaging;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Tests.Rules;

/// <summary>
/// PRODUCT.md §Audit: a tenant's log is tamper-evident, a hash chain anyone can verify. The canonical form is
/// documented (decision 0028) and scripts/audit-chain.py recomputes it with the standard library alone: the expected
/// links below are that script's output for the same two events.
/// </summary>
public sealed class AuditChainTests
{
    private static readonly Guid Tenant = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid Credential = Guid.Parse("99999999-8888-7777-6666-555555555555");

    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 2, 1, 42, 0, TimeSpan.Zero).AddTicks(1_200_000);

    private static AuditEvent Reveal(
        DateTimeOffset? at = null, string type = "credential.revealed", string actor = "Dana Tech", AuditOutcome outcome = AuditOutcome.Succeeded,
        Guid? target = null, string details = """{"name":"Contoso NAS","kind":"Password"}""") => new()
        {
            Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000001"),
            TenantId = Tenant,
            At = at ?? At,
            Type = type,
            ActorUserId = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
            ActorName = actor,
            Ip = "192.0.2.7",
            UserAgent = "curl/8",
            Outcome = outcome,
            Targets = [new AuditEventTarget { Kind = "credential", TargetId = target ?? Credential }],
            Details = details,
        };

    private static AuditEvent Refusal() => new()
    {
        Id = Guid.Parse("0193a1b2-0000-7000-8000-000000000002"),
        TenantId = Tenant,
        At = new DateTimeOffset(2026, 12, 2, 1, 43, 0, TimeSpan.Zero),
        Type = "share.refused",
        ActorName = "Recipient",
        Outcome = AuditOutcome.Denied,
        Targets = [new AuditEventTarget { Kind = "tenant", TargetId = Guid.Parse("00000000-0000-0000-0000-0000000000aa") }, new AuditEventTarget { Kind = "credential", TargetId = Credential }],
        Details = """{"reason":"No such credential.","\u00e9moji":"\u2713"}""",
    };

    [Fact]
    public void The_chain_is_what_an_outside_script_recomputes_from_the_documented_form()
    {
        var first = AuditChain.Link(AuditChain.Genesis, Reveal());
        Convert.ToHexStringLower(first).ShouldBe("0ea5cecf33b7bb810370d1cfb260280a6b4ef3f6055c5d572fd5cd360aa17ee2");
        Convert.ToHexStringLower(AuditChain.Link(first, Refusal())).ShouldBe("fced989f645b19774e77a77ed5ecfd992fc0976be30fd7c72346583f138e392b");
    }

    [Fact]
    public void Any_change_to_an_event_or_to_the_order_of_events_changes_the_chain()
    {
        var head = AuditChain.Link(AuditChain.Link(AuditChain.Genesis, Reveal()), Refusal());
        AuditChain.Link(AuditChain.Link(AuditChain.Genesis, Refusal()), Reveal()).ShouldNotBe(head);

        var link = AuditChain.Link(AuditChain.Genesis, Reveal());
        foreach (var changed in new[]
        {
            Reveal(at: At.AddTicks(1)), Reveal(type: "credential.updated"), Reveal(actor: "Dana Tech "), Reveal(outcome: AuditOutcome.Denied),
            Reveal(target: Guid.NewGuid()), Reveal(details: """{"name":"Contoso NAS 2","kind":"Password"}"""),
        })
        {
            AuditChain.Link(AuditChain.Genesis, changed).ShouldNotBe(link);
        }
    }

    [Fact]
    public void The_order_details_were_written_in_does_not_matter() =>
        AuditChain.Link(AuditChain.Genesis, Reveal(details: """{"kind":"Password","name":"Contoso NAS"}""")).ShouldBe(AuditChain.Link(AuditChain.Genesis, Reveal()));
}
