using FluentValidation;

namespace SecureShare.Modules.Audit.Domain;

/// <summary>Which events a reader asks for: the log's list, its export and its feed filter alike.</summary>
internal sealed record AuditFilter(DateTimeOffset? From, DateTimeOffset? To, Guid? ActorId, string? Type, Guid? CredentialId)
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
        validator.RuleFor(q => filter(q).To).GreaterThanOrEqualTo(q => filter(q).From)
            .When(q => filter(q).From is not null && filter(q).To is not null)
            .OverridePropertyName("to").WithMessage("'to' must not be before 'from'.");
    }
}
