using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Features.Credentials;

/// <summary>An Admin or Technician stores a credential; the caller's tenant is its origin.</summary>
public static class CreateCredential
{
    public sealed record Command(
        CredentialKind? Kind,
        string? Name,
        string? Description,
        string? Username,
        string? Secret,
        string? Url,
        string? Notes,
        IReadOnlyList<string>? Tags,
        Guid? FolderId,
        IReadOnlyList<CustomFieldInput>? CustomFields,
        string? TotpSeed) : ICommand<CredentialDto>, ICredentialFields
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/credentials", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var credential = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/credentials/{credential.Id}", credential);
            })
            .WithSummary("Admin or Technician: store a password, note, API secret or file (kind File, then upload its file as an attachment).");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new CredentialFieldsValidator());
            RuleFor(c => c.Kind).KnownValue();
            RuleFor(c => c.Name).NotNull().WithMessage("Name is required.");
            RuleFor(c => c.Secret).NotEmpty().When(c => c.Kind is CredentialKind.Password or CredentialKind.ApiSecret)
                .WithMessage("A password or API secret needs its secret.");
            RuleFor(c => c.Notes).NotEmpty().When(c => c.Kind == CredentialKind.Note).WithMessage("A note needs its text (notes).");
            RuleFor(c => c.Secret).Empty().When(c => c.Kind == CredentialKind.Note).WithMessage("A note keeps its text in notes, not secret.");
            RuleFor(c => c.Secret).Empty().When(c => c.Kind == CredentialKind.File)
                .WithMessage("A file credential's secret is its file: upload it to /credentials/{id}/attachments.");
        }
    }

    internal sealed class Handler(CredentialsDbContext db, TenantKeys keys, ICurrentUser caller, TimeProvider clock, IAuditTrail audit, IPublisher publisher)
        : ICommandHandler<Command, CredentialDto>
    {
        public async ValueTask<CredentialDto> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.ManageCredentials);

            var key = await keys.ForAsync(db, ct);
            var credential = CredentialStore.NewCredential(key, command.Kind!.Value, command, me.UserId, clock.GetUtcNow());
            var id = credential.Id;
            db.Credentials.Add(credential);
            await db.SaveChangesAsync(ct);
            await publisher.Publish(new CredentialCreated(credential.ToListing(me.Tenant.Name), command.FolderId), ct); // 404 for an unknown folder
            await audit.RecordAsync(
                new AuditRecord(CredentialAuditEvents.Created, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, id, credential.Name)],
                    new Dictionary<string, string> { ["kind"] = credential.Kind.ToString(), ["name"] = credential.Name }),
                ct);
            return credential.ToDto(me, new VisibleEntry(id, credential.Name, command.FolderId, SharingState.None, 0, me.Tenant.Id, me.Tenant.Name, EntryPermission.Owner));
        }
    }

    internal static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static string? NormalizeTotp(string? seed) =>
        string.IsNullOrEmpty(seed) ? null : seed.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
