using System.Text.Json.Serialization;
using FluentValidation;
using SecureShare.BuildingBlocks.Web;

namespace SecureShare.Modules.Audit.Domain;

/// <summary>Whose actions, by the actor's tenant: the log's own users, or a partner's (the MSP's users in a client's log, and back).</summary>
public enum AuditActorTenant
{
    [JsonStringEnumMemberName("own")]
    Own,

    [JsonStringEnumMemberName("partner")]
    Partner,
}

/// <summary>
/// Which events a reader asks for: the log's list and its export filter alike. <c>actorTenant</c> comes as the wire
/// name (<c>own</c>, <c>partner</c>); events of no user (the platform, a link's recipient) are in neither. <c>partnerId</c>
/// keeps what one partner tenant's users did here and what was done with it (shares to and from it).
/// </summary>
internal sealed record AuditFilter(
    DateTimeOffset? From, DateTimeOffset? To, Guid? ActorId, string? Type, Guid? CredentialId, string? ActorTenant = null, Guid? PartnerId = null)
{
    public IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> events)
    {
        if (From?.ToUniversalTime() is { } from)
        {
            events = events.Where(e => e.At >= from);
        }

        if (To?.ToUniversalTime() is { } to)
        {
            events = events.Where(e => e.At <= to);
        }

        if (ActorId is { } actor)
        {
            events = events.Where(e => e.ActorUserId == actor);
        }

        if (!string.IsNullOrEmpty(Type))
        {
            events = events.Where(e => e.Type == Type);
        }

        switch (WireName.Parse<AuditActorTenant>(ActorTenant))
        {
            case AuditActorTenant.Own:
                events = events.Where(e => e.ActorTenantId == e.TenantId);
                break;
            case AuditActorTenant.Partner:
                events = events.Where(e => e.ActorTenantId != null && e.ActorTenantId != e.TenantId);
                break;
        }

        if (PartnerId is { } partner)
        {
            events = events.Where(e => e.ActorTenantId == partner || e.Targets.Any(t => t.Kind == "tenant" && t.TargetId == partner));
        }

        if (CredentialId is { } credential)
        {
            events = events.Where(e => e.Targets.Any(t => t.Kind == "credential" && t.TargetId == credential));
        }

        return events;
    }

    /// <summary>The rules of a filter's parameters, for the validators of the features that take one.</summary>
    public static void Rules<T>(AbstractValidator<T> validator, Func<T, AuditFilter> filter)
    {
        validator.RuleFor(q => filter(q).Type).MaximumLength(64).OverridePropertyName("type");
        validator.RuleFor(q => filter(q).ActorTenant).Must(a => a is null || WireName.Parse<AuditActorTenant>(a) is not null)
            .OverridePropertyName("actorTenant").WithMessage("actorTenant must be own or partner.");
        validator.RuleFor(q => filter(q).To).GreaterThanOrEqualTo(q => filter(q).From)
            .When(q => filter(q).From is not null && filter(q).To is not null)
            .OverridePropertyName("to").WithMessage("'to' must not be before 'from'.");
    }
}
