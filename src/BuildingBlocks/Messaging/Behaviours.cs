using FluentValidation;
using Mediator;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.BuildingBlocks.Messaging;

/// <summary>Runs the message's validators first; any failure is a 400 and nothing runs.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw Failed(failures);
        }

        return await next(message, cancellationToken);
    }

    /// <summary>The 400 for these failures: each field (camelCase) with its messages.</summary>
    public static ValidationFailedException Failed(IEnumerable<FluentValidation.Results.ValidationFailure> failures) =>
        new(failures.GroupBy(f => ToCamelCase(f.PropertyName)).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>
/// A command whose refusals are security-relevant (sharing a credential): besides denied roles, its
/// invalid input (400) and unknown or foreign ids (404) are recorded as refused attempts.
/// </summary>
public interface IAuditsRefusals;

/// <summary>
/// Audits refused attempts in the caller's own tenant log: when a handler refuses the caller's role (403),
/// when a signed-in caller asks for an object it may not see (404: missing, another tenant's or hidden answer
/// alike, and are recorded alike, so the log never tells which), or when a command marked
/// <see cref="IAuditsRefusals"/> is invalid. Its own work has been rolled back by the transaction behaviour;
/// the refusal is then recorded in a transaction of its own. It runs outside validation, so invalid input
/// reaches it too. A prober cannot flood the log with 404s: past a per-user budget a minute, one event says
/// that further not-found refusals go unrecorded until the next minute (403s are always recorded).
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(DbSession session, IAuditTrail trail, ICurrentUser caller, RefusalThrottle throttle)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (AppException refused) when (TenantContext.Current is not null && Refusal(message, refused) is { } record)
        {
            // Only the not-found records count against the budget: a 403 is always recorded.
            var budget = refused is NotFoundException ? await throttle.TakeAsync(caller.Principal?.UserId, cancellationToken) : RefusalBudget.Left;
            if (budget != RefusalBudget.Spent)
            {
                await session.InTransactionAsync(
                    async () =>
                    {
                        await trail.RecordAsync(budget == RefusalBudget.Left ? record : RefusalThrottle.Silenced(record), cancellationToken);
                        return true;
                    },
                    cancellationToken);
            }

            throw;
        }
    }

    private AuditRecord? Refusal(TMessage message, AppException refused)
    {
        var (type, reason) = refused switch
        {
            ForbiddenException => (PipelineAuditEvents.AccessDenied, refused.Message),
            ValidationFailedException invalid when message is IAuditsRefusals =>
                (PipelineAuditEvents.RequestRefused, $"Invalid: {string.Join(", ", invalid.Errors.Keys.Order())}."),
            NotFoundException when message is IAuditsRefusals || caller.Principal is not null => (PipelineAuditEvents.RequestRefused, refused.Message),
            _ => (null, null),
        };
        return type is null
            ? null
            : new AuditRecord(
                type,
                AuditOutcome.Denied,
                [],
                new Dictionary<string, string> { ["action"] = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name, ["reason"] = reason! });
    }
}

public enum RefusalBudget
{
    Left,
    LastOne,
    Spent,
}

/// <summary>
/// How many refusals of one user a minute reach the audit log (Audit:RefusalsPerUserPerMinute, default 30):
/// enough for every honest mistake, too few to flood the log. Counted through the installation's
/// <see cref="IRateCounter"/>, so a user spread over N hosts gets one budget, not N.
/// </summary>
public sealed class RefusalThrottle(IRateCounter counter, int perMinute)
{
    public async ValueTask<RefusalBudget> TakeAsync(Guid? userId, CancellationToken ct)
    {
        var count = await counter.CountAsync($"refusals:{userId ?? Guid.Empty}", ct);
        return count <= perMinute ? RefusalBudget.Left : count == perMinute + 1 ? RefusalBudget.LastOne : RefusalBudget.Spent;
    }

    /// <summary>The event that takes the place of the refusals past the budget.</summary>
    public static AuditRecord Silenced(AuditRecord refusal) => refusal with
    {
        Type = PipelineAuditEvents.RefusalsThrottled,
        Details = new Dictionary<string, string>(refusal.Details ?? new Dictionary<string, string>())
        {
            ["note"] = "Further refusals of this user are not recorded until the next minute.",
        },
    };
}

/// <summary>
/// A command that checks or computes a slow password hash first and opens its one transaction itself
/// afterwards (<see cref="DbSession.InTransactionAsync{T}"/>): a hash inside a write transaction would hold
/// every writer of the database (SQLite's one writer, PostgreSQL's row locks) for its whole duration.
/// </summary>
public interface IHashesBeforeItsTransaction;

/// <summary>One database transaction per command, across every module context it touches.</summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(DbSession session)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || message is IHashesBeforeItsTransaction)
        {
            return await next(message, cancellationToken);
        }

        return await session.InTransactionAsync(async () => await next(message, cancellationToken), cancellationToken);
    }
}
