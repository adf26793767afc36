using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Features;

/// <summary>The listing of a credential of the ambient (origin) tenant, for projecting it into a target. Contract handlers read in the ambient tenant.</summary>
internal sealed class GetCredentialListingHandler(ModuleDbContextFactory<CredentialsDbContext> contexts) : IQueryHandler<GetCredentialListing, CredentialListing?>
{
    public async ValueTask<CredentialListing?> Handle(GetCredentialListing query, CancellationToken ct)
    {
        var db = contexts.Create();
        var credential = await db.Credentials.Include(c => c.Tags).AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.CredentialId, ct);
        return credential?.ToListing(db.Tenant!.Name);
    }
}

/// <summary>A share that exposed the credential ended: flag it, and let every entry of it show the flag.</summary>
internal sealed class FlagNeedsRotationHandler(ModuleDbContextFactory<CredentialsDbContext> contexts, IPublisher publisher) : ICommandHandler<FlagNeedsRotation, bool>
{
    public async ValueTask<bool> Handle(FlagNeedsRotation command, CancellationToken ct)
    {
        var db = contexts.Create();
        var credential = await db.Credentials.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == command.CredentialId, ct);
        if (credential is null)
        {
            return false;
        }

        credential.NeedsRotation = true;
        await db.SaveChangesAsync(ct);
        await publisher.Publish(new CredentialChanged(credential.ToListing(db.Tenant!.Name)), ct);
        return true;
    }
}
