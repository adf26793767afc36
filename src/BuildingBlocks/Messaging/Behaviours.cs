using FluentValidation;
using Mediator;
using SecureShare.BuildingBlocks.Persistence;
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
            throw new ValidationFailedException(failures
                .GroupBy(f => ToCamelCase(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
        }

        return await next(message, cancellationToken);
    }

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>
/// Audits denied attempts: when a handler refuses the caller's role (403), its own work
/// has been rolled back by the transaction behaviour; the denial is then recorded in a
/// transaction of its own.
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(DbSession session, IAuditTrail trail)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (ForbiddenException denied) when (TenantContext.Current is not null)
        {
            await session.InTransactionAsync(
                async () =>
                {
                    await trail.RecordAsync(
                        new AuditRecord(
                            AuditEventTypes.AccessDenied,
                            AuditOutcome.Denied,
                            [],
                            new Dictionary<string, string> { ["action"] = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name, ["reason"] = denied.Message }),
                        cancellationToken);
                    return true;
                },
                cancellationToken);
            throw;
        }
    }
}

/// <summary>One database transaction per command, across every module context it touches.</summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(DbSession session)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand)
        {
            return await next(message, cancellationToken);
        }

        return await session.InTransactionAsync(async () => await next(message, cancellationToken), cancellationToken);
    }
}
