using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>
/// Anyone who may reveal a credential makes a link share of it for a person without an account: a
/// snapshot of the chosen fields, sealed with a key that only the returned url carries. The link
/// belongs to the caller's tenant, even for a credential shared in; both tenants' logs record it. Files the caller
/// picks go with it, sealed under the link's key too (<see cref="LinkFiles"/>).
/// </summary>
public static class CreateLink
{
    public sealed record Body(
        string? Title, int? ExpiresInMinutes, int? MaxViews, string? Passphrase, IReadOnlyList<string>? Fields, IReadOnlyList<Guid>? AttachmentIds = null)
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Command(Guid CredentialId, Body Link) : ICommand<Created>
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>The new link and the two parts of its url that the server does not keep.</summary>
    public sealed record Created(LinkDto Link, string Token, string Key)
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/credentials/{id}/links", async (Guid id, Body body, IMediator mediator, PublicAddress address, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(new Command(id, body), ct);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Created($"/api/v1/credentials/{id}/links", new CreatedLinkDto(created.Link.Id, UrlOf(address, created), created.Link));
            })
            .WithSummary("Make a link share of a credential for someone without an account; the url (with its key after '#') is shown once.");

    /// <summary>The fields a link of this credential may carry, for a form to offer (the defaults ticked).</summary>
    public static IReadOnlyList<LinkFieldChoice> FieldChoices(CredentialDto credential) =>
        LinkContent.Choices(credential.Kind, credential.HasTotp, credential.CustomFields.Select(f => f.Name));

    /// <summary>The link as the recipient opens it, on the installation's public address (never the request's Host header): the key after '#'.</summary>
    public static string UrlOf(PublicAddress address, Created created) => $"{address.BaseUrl}/s/{created.Token}#{created.Key}";

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Link.Title).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("A link needs a title: the recipient sees it before opening.")
                .MaximumLength(LinkLimits.Title).WithMessage($"title is at most {LinkLimits.Title} characters.")
                .Must(t => !t!.Any(char.IsControl)).WithMessage("title has no control characters.")
                .OverridePropertyName("title");
            RuleFor(c => c.Link.ExpiresInMinutes).InclusiveBetween(1, LinkLimits.PolicyCeilingMinutes)
                .WithMessage("expiresInMinutes is a number of minutes, at least 1.").OverridePropertyName("expiresInMinutes");
            RuleFor(c => c.Link.MaxViews).InclusiveBetween(1, LinkLimits.MaxViews)
                .WithMessage($"maxViews is 1 to {LinkLimits.MaxViews}.").OverridePropertyName("maxViews");
            RuleFor(c => c.Link.Passphrase).Must(p => p is null || (!string.IsNullOrWhiteSpace(p) && p.Length <= LinkLimits.Passphrase))
                .WithMessage($"passphrase, when given, is 1 to {LinkLimits.Passphrase} characters and not blank.").OverridePropertyName("passphrase");
            RuleFor(c => c.Link.AttachmentIds).Must(a => a is null || (a.Count <= LinkLimits.Files && a.Distinct().Count() == a.Count))
                .WithMessage($"attachmentIds, when given, names at most {LinkLimits.Files} different files of the credential.").OverridePropertyName("attachmentIds");
            RuleFor(c => c.Link.Fields).Must(f => f is null || (f.Count is > 0 and <= LinkContent.MaxFields && f.All(x => !string.IsNullOrWhiteSpace(x))))
                .WithMessage($"fields, when given, names 1 to {LinkContent.MaxFields} fields.").OverridePropertyName("fields");
        }
    }

    internal sealed class Handler(
        CredentialsDbContext db, VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, TimeProvider clock,
        IPasswordHasher<LinkShare> hasher, IAuditTrail audit, ISender mediator, LinkFiles files) : ICommandHandler<Command, Created>
    {
        public async ValueTask<Created> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.ManageCredentials); // a Member sees and uses; a link share is sharing
            var body = command.Link;
            var (credential, key, owner) = await credentials.LoadSecretsAsync(command.CredentialId, keys, ct);
            var now = clock.GetUtcNow();
            var latest = await LinkExpiry.LatestAsync(db, owner, credential.Id, mediator, now, ct);
            if (latest.At <= now)
            {
                throw new NotFoundException("Credential"); // its share has ended, the job just has not removed it yet
            }

            var expiresAt = body.ExpiresInMinutes is { } minutes ? now.AddMinutes(minutes) : Min(now.AddMinutes(LinkLimits.DefaultExpiryMinutes), latest.At);
            if (expiresAt > latest.At)
            {
                throw ValidationFailedException.For("expiresInMinutes", latest.Explain(now));
            }

            var content = LinkContent.Snapshot(credential, credential.Reveal(key), body.Fields, withFiles: body.AttachmentIds is { Count: > 0 });
            var seal = LinkSeal.Seal(content.Serialize());
            var link = new LinkShare
            {
                CredentialId = credential.Id,
                TokenHash = seal.TokenHash,
                Title = body.Title!.Trim(),
                Fields = LinkContent.NamesToColumn(content.Fields.Select(f => f.Name)),
                Nonce = seal.Nonce,
                Ciphertext = seal.Ciphertext,
                MaxViews = body.MaxViews ?? 1,
                CreatedAt = now,
                ExpiresAt = expiresAt,
                CreatedByUserId = me.UserId,
                CreatedByName = me.DisplayName,
            };
            if (body.Passphrase is { } passphrase)
            {
                link.PassphraseHash = hasher.HashPassword(link, passphrase);
            }

            db.Links.Add(link);
            await db.SaveChangesAsync(ct);
            IReadOnlyList<string> fileNames = [];
            if (body.AttachmentIds is { Count: > 0 } attachmentIds)
            {
                var linkKey = Base64Url.DecodeFromChars(seal.Key);
                try
                {
                    fileNames = await files.CopyAsync(db, owner, key, link, linkKey, attachmentIds, ct);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(linkKey);
                }
            }
            await audit.RecordOnBothSidesAsync(owner, LinkStates.Record(LinkAuditEvents.Created, link, details: new()
            {
                ["title"] = link.Title,
                ["fields"] = link.Fields,
                ["maxViews"] = link.MaxViews.ToString(CultureInfo.InvariantCulture),
                ["expiresAt"] = link.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                ["passphrase"] = link.PassphraseHash is null ? "no" : "yes",
                ["files"] = fileNames.Count == 0 ? "none" : string.Join(", ", fileNames),
            }, credentialName: credential.Name), ct);
            return new Created(link.ToDto(now), seal.Token, seal.Key);
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }
}
