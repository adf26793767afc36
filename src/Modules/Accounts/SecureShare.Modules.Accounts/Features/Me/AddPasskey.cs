using System.Text.Json;
using Fido2NetLib;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Me;

/// <summary>
/// The second half of adding a passkey: the browser's answer to the pending options, verified (challenge, origin,
/// relying party, signature), stored with its public key. The options are used once, by one conditional UPDATE. A
/// user's first second factor comes with ten recovery codes, shown this once.
/// </summary>
public static class AddPasskey
{
    public sealed record Command(string? Name, JsonElement? Credential) : ICommand<Response>
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>The passkey added; recovery codes only when it is the user's first second factor.</summary>
    public sealed record Response(Guid Id, string Name, IReadOnlyList<string>? RecoveryCodes)
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/me/mfa/passkeys", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var added = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/me/mfa/passkeys/{added.Id}", added);
            })
            .WithMetadata(AllowedInLimitedSession.BeforeMfaEnrolment)
            .WithSummary("Add a passkey: its name and the browser's answer to the options of POST /me/mfa/passkeys/options (PublicKeyCredential.toJSON()). A first second factor comes with ten recovery codes, shown once.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("A name for the passkey is required, e.g. \"YubiKey\" or \"Work laptop\".").MaximumLength(100);
            RuleFor(c => c.Credential).Must(c => c is { ValueKind: JsonValueKind.Object })
                .WithMessage("credential is required: the browser's answer to navigator.credentials.create, as PublicKeyCredential.toJSON() gives it.");
        }
    }

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, Passkeys passkeys, TimeProvider clock, IAuditTrail audit) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            var now = clock.GetUtcNow();
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == me.UserId, ct);
            if (user.PasskeyPendingOptions is not { } pending || user.PasskeyPendingExpiresAt <= now)
            {
                throw new ConflictException("No passkey is being added, or its five minutes are over: start with POST /api/v1/me/mfa/passkeys/options.");
            }

            var answer = Passkeys.Read<AuthenticatorAttestationRawResponse>(command.Credential)
                ?? throw ValidationFailedException.For("credential", "This is not a passkey's answer: send PublicKeyCredential.toJSON() of navigator.credentials.create.");
            Fido2NetLib.Objects.RegisteredPublicKeyCredential made;
            try
            {
                made = await passkeys.Fido.MakeNewCredentialAsync(
                    new MakeNewCredentialParams
                    {
                        AttestationResponse = answer,
                        OriginalOptions = CredentialCreateOptions.FromJson(pending),
                        IsCredentialIdUniqueToUserCallback = async (candidate, token) =>
                            // Deliberate bypass: a credential id is registered once in the installation, whoever holds it.
                            !await db.Passkeys.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AnyAsync(p => p.CredentialId == candidate.CredentialId, token),
                    },
                    ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw ValidationFailedException.For("credential", "The passkey's answer could not be verified (a different challenge, site or key). Start again.");
            }

            var used = await db.Users.Where(u => u.Id == me.UserId && u.PasskeyPendingOptions == pending && u.PasskeyCount < Passkeys.MaxPerUser)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(u => u.PasskeyPendingOptions, (string?)null).SetProperty(u => u.PasskeyPendingExpiresAt, (DateTimeOffset?)null)
                        .SetProperty(u => u.PasskeyCount, u => u.PasskeyCount + 1),
                    ct);
            if (used == 0)
            {
                throw new ConflictException("Adding this passkey changed meanwhile. Start again.");
            }

            var passkey = new Passkey
            {
                UserId = me.UserId, Name = command.Name!.Trim(), CredentialId = made.Id, PublicKey = made.PublicKey, SignCount = made.SignCount, AaGuid = made.AaGuid,
                CreatedAt = now,
            };
            db.Passkeys.Add(passkey);
            // Decided after the user's row is locked by the UPDATE above: codes come when the user has none left to use.
            var codes = await db.RecoveryCodes.AnyAsync(c => c.UserId == me.UserId && c.UsedAt == null, ct) ? null : await RecoveryCodes.ReplaceAsync(db, me.UserId, ct);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(AccountAuditEvents.PasskeyAdded, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, me.UserId, me.DisplayName)],
                    new Dictionary<string, string> { ["passkey"] = passkey.Name }),
                ct);
            return new Response(passkey.Id, passkey.Name, codes);
        }
    }
}
