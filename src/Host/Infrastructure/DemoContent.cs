using System.Security.Cryptography;
using Mediator;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Features.Demo;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Credentials.Features.Links;
using SecureShare.Modules.Folders.Features.Folders;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Features.Shares;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// What the embedded demo's users find when they first sign in: about forty credentials in nested folders on
/// the MSP's side and on both clients', a folder restricted to a group, shares both ways (one with Edit, one
/// about to expire), a share that ended (so a credential needs rotation) and a live link share. Everything is
/// done by the demo's own users through the same commands as the API and the UI, so the audit log tells it.
/// Secrets are random and never printed. <c>Demo:Content=false</c> leaves the tenants empty.
/// </summary>
internal static class DemoContent
{
    private sealed record Item(string Folder, CredentialKind Kind, string Name, string? Username, string? Url, string[] Tags, bool Totp = false, string? Notes = null);

    private static readonly Item[] Msp =
    [
        new("Internal/Network", CredentialKind.Password, "Office firewall (FortiGate)", "admin", "https://fw.demo-msp.example", ["network"]),
        new("Internal/Network", CredentialKind.Password, "Core switch", "manager", "https://10.0.0.2", ["network"]),
        new("Internal/Network", CredentialKind.Password, "Office Wi-Fi", null, null, ["network", "wifi"]),
        new("Internal/Cloud", CredentialKind.Password, "Microsoft 365 global admin", "admin@demomsp.onmicrosoft.example", "https://admin.microsoft.com", ["m365", "mfa"], Totp: true),
        new("Internal/Cloud", CredentialKind.Password, "AWS root account", "aws@demo-msp.example", "https://console.aws.amazon.com", ["aws", "mfa"], Totp: true),
        new("Internal/Cloud", CredentialKind.ApiSecret, "Backblaze B2 backup key", "0051f0c2a9e4", "https://api.backblazeb2.com", ["backup"]),
        new("Internal/Cloud", CredentialKind.ApiSecret, "GitHub deploy token", "deploy-bot", "https://github.com", ["dev"]),
        new("Internal/Admin accounts", CredentialKind.Password, "Domain admin (break-glass)", "DEMOMSP\\breakglass", null, ["ad"], Notes: "Sealed envelope copy in the office safe."),
        new("Internal/Admin accounts", CredentialKind.Password, "RMM console", "ops@demo-msp.example", "https://rmm.demo-msp.example", ["rmm", "mfa"], Totp: true),
        new("Clients/Contoso Dental/Network", CredentialKind.Password, "Firewall (Contoso Dental)", "admin", "https://fw.contoso-dental.example", ["network"]),
        new("Clients/Contoso Dental/Network", CredentialKind.Password, "Wi-Fi (Contoso staff)", null, null, ["wifi"]),
        new("Clients/Contoso Dental/Network", CredentialKind.Password, "Wi-Fi (Contoso guests)", null, null, ["wifi"]),
        new("Clients/Contoso Dental/Servers", CredentialKind.Password, "File server (Contoso Dental)", "Administrator", "https://nas.contoso-dental.example", ["server"]),
        new("Clients/Contoso Dental/Servers", CredentialKind.Password, "Practice management database", "sa", "sqlserver://db.contoso-dental.example", ["server", "sql"]),
        new("Clients/Contoso Dental/Servers", CredentialKind.Note, "Backup encryption passphrase (Contoso)", null, null, ["backup"], Notes: "Needed to restore any Veeam job of Contoso Dental."),
        new("Clients/Fabrikam Legal", CredentialKind.Password, "Firewall (Fabrikam Legal)", "admin", "https://fw.fabrikam-legal.example", ["network"]),
        new("Clients/Fabrikam Legal", CredentialKind.Password, "Microsoft 365 admin (Fabrikam)", "admin@fabrikamlegal.onmicrosoft.example", "https://admin.microsoft.com", ["m365", "mfa"], Totp: true),
        new("Clients/Fabrikam Legal", CredentialKind.ApiSecret, "Document system API (Fabrikam)", "svc-docs", "https://docs.fabrikam-legal.example/api", ["api"]),
        new("Clients/Fabrikam Legal", CredentialKind.Password, "Printer admin (Fabrikam office)", "admin", "https://printer.fabrikam-legal.example", ["printer"]),
        new("", CredentialKind.Password, "Dell support portal", "support@demo-msp.example", "https://www.dell.com/support", ["vendor"]),
        new("", CredentialKind.Password, "Domain registrar", "billing@demo-msp.example", "https://registrar.example", ["dns", "mfa"], Totp: true),
        new("", CredentialKind.Note, "Office alarm code", null, null, ["office"], Notes: "Arm: code then ENTER. Disarm within 30 s of opening the door."),
    ];

    private static readonly Item[] Contoso =
    [
        new("Front desk", CredentialKind.Password, "Reception PC", "frontdesk", null, ["workstation"]),
        new("Front desk", CredentialKind.Password, "Dentrix practice software", "reception", "https://dentrix.contoso-dental.example", ["clinical"]),
        new("Front desk", CredentialKind.Password, "Dental insurance portal", "claims@contoso-dental.example", "https://claims.insurer.example", ["billing"]),
        new("Front desk", CredentialKind.Note, "Door entry code", null, null, ["office"], Notes: "Back door keypad; changed every quarter."),
        new("IT", CredentialKind.Password, "X-ray imaging workstation", "imaging", null, ["clinical"]),
        new("IT", CredentialKind.Password, "Phone system admin", "admin", "https://pbx.contoso-dental.example", ["phones"]),
        new("IT/Vendors", CredentialKind.Password, "Website hosting", "contoso", "https://hosting.example", ["web"], Totp: true),
        new("IT/Vendors", CredentialKind.ApiSecret, "Email marketing API key", "contoso-news", "https://api.mailer.example", ["marketing"]),
        new("", CredentialKind.Password, "Payroll portal", "owner@contoso-dental.example", "https://payroll.example", ["finance", "mfa"], Totp: true),
        new("", CredentialKind.Password, "Online banking", "CONTOSO01", "https://bank.example", ["finance"]),
    ];

    private static readonly Item[] Fabrikam =
    [
        new("Partners", CredentialKind.Password, "Case management system", "partner", "https://cases.fabrikam-legal.example", ["legal"]),
        new("Partners", CredentialKind.Password, "Court e-filing portal", "filing@fabrikam-legal.example", "https://efile.court.example", ["legal", "mfa"], Totp: true),
        new("Partners", CredentialKind.Password, "Legal research service", "fabrikam", "https://research.example", ["legal"]),
        new("Office", CredentialKind.Note, "Office alarm (Fabrikam)", null, null, ["office"], Notes: "Monitoring company account 44-1902."),
        new("Office", CredentialKind.Password, "Guest Wi-Fi (Fabrikam)", null, null, ["wifi"]),
        new("Office", CredentialKind.Password, "Conference room display", "display", null, ["office"]),
        new("Office", CredentialKind.ApiSecret, "Scanner-to-email SMTP", "scanner@fabrikam-legal.example", "smtp://smtp.fabrikam-legal.example:587", ["printer"]),
        new("", CredentialKind.Password, "Accounting (Xero)", "accounts@fabrikam-legal.example", "https://login.xero.example", ["finance"]),
        new("", CredentialKind.Note, "Bank token PIN", null, null, ["finance"], Notes: "Token is in the partners' drawer."),
    ];

    public static async Task AddAsync(IServiceProvider services, IReadOnlyList<SeedDemo.DemoLogin> logins, CancellationToken ct)
    {
        SessionPrincipal Login(string email) => logins.Single(l => l.Email == email).Actor;
        var technician = Login("technician@demo-msp.example");
        var contosoAdmin = Login("admin@contoso-dental.example");
        var fabrikamAdmin = Login("admin@fabrikam-legal.example");

        var msp = await AddItemsAsync(services, Login("admin@demo-msp.example"), technician, Msp, restricted: "Internal/Admin accounts", ct);
        var contoso = await AddItemsAsync(services, contosoAdmin, contosoAdmin, Contoso, restricted: null, ct);
        var fabrikam = await AddItemsAsync(services, fabrikamAdmin, fabrikamAdmin, Fabrikam, restricted: null, ct);

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await AsAsync(services, technician, async mediator =>
        {
            await ShareAsync(mediator, [msp["Wi-Fi (Contoso staff)"], msp["Firewall (Contoso Dental)"]], contosoAdmin.Tenant.Id, SharePermission.View, null);
            await ShareAsync(mediator, [msp["Practice management database"]], contosoAdmin.Tenant.Id, SharePermission.Edit, null);
            await ShareAsync(mediator, [msp["Wi-Fi (Contoso guests)"]], contosoAdmin.Tenant.Id, SharePermission.View, now.AddDays(3)); // about to expire
            await ShareAsync(mediator, [msp["Printer admin (Fabrikam office)"], msp["Microsoft 365 admin (Fabrikam)"]], fabrikamAdmin.Tenant.Id, SharePermission.View, null);
            var stop = new BulkShare.Command([msp["Microsoft 365 admin (Fabrikam)"]], fabrikamAdmin.Tenant.Id, false, null, null, null);
            await mediator.Send(stop, ct); // the share ended: the secret needs rotation
            await mediator.Send(new CreateLink.Command(msp["Wi-Fi (Contoso guests)"], new CreateLink.Body("Guest Wi-Fi for the Contoso open day", 7 * 24 * 60, 20, null, null)), ct);
        });
        await AsAsync(services, contosoAdmin, mediator => ShareAsync(mediator, [contoso["Website hosting"], contoso["Phone system admin"]], technician.Tenant.Id, SharePermission.Edit, null));
        await AsAsync(services, fabrikamAdmin, mediator => ShareAsync(mediator, [fabrikam["Scanner-to-email SMTP"]], technician.Tenant.Id, SharePermission.View, null));

        async Task ShareAsync(IMediator mediator, Guid[] ids, Guid target, SharePermission permission, DateTimeOffset? expiresAt) =>
            await mediator.Send(new BulkShare.Command(ids, target, true, new AudienceBody(true, null, null), permission, expiresAt), ct);
    }

    /// <summary>The folders (made by the tenant's Admin; <paramref name="restricted"/> only for its first group) and the credentials (by <paramref name="author"/>).</summary>
    private static async Task<Dictionary<string, Guid>> AddItemsAsync(
        IServiceProvider services, SessionPrincipal admin, SessionPrincipal author, Item[] items, string? restricted, CancellationToken ct)
    {
        var folders = new Dictionary<string, Guid>();
        await AsAsync(services, admin, async mediator =>
        {
            foreach (var path in items.Select(i => i.Folder).Where(f => f.Length > 0).Distinct())
            {
                var parts = path.Split('/');
                for (var depth = 1; depth <= parts.Length; depth++)
                {
                    var here = string.Join('/', parts[..depth]);
                    if (!folders.ContainsKey(here))
                    {
                        var groups = here == restricted ? author.GroupIds : null;
                        var parent = depth == 1 ? (Guid?)null : folders[string.Join('/', parts[..(depth - 1)])];
                        folders[here] = (await mediator.Send(new CreateFolder.Command(parts[depth - 1], parent, groups), ct)).Id;
                    }
                }
            }
        });

        var credentials = new Dictionary<string, Guid>();
        await AsAsync(services, author, async mediator =>
        {
            foreach (var item in items)
            {
                var created = await mediator.Send(new CreateCredential.Command(
                    item.Kind, item.Name, null, item.Username, NewSecret(item.Kind), item.Url, item.Notes, item.Tags,
                    item.Folder.Length > 0 ? folders[item.Folder] : null, null, item.Totp ? NewTotpSeed() : null), ct);
                credentials[item.Name] = created.Id;
            }
        });
        return credentials;
    }

    /// <summary>Runs <paramref name="work"/> as <paramref name="actor"/>: its tenant, its role, its name in the audit log.</summary>
    private static async Task AsAsync(IServiceProvider services, SessionPrincipal actor, Func<IMediator, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Features.Set(actor);
        accessor.HttpContext = context;
        try
        {
            using (TenantContext.Begin(actor.Tenant))
            {
                await work(scope.ServiceProvider.GetRequiredService<IMediator>());
            }
        }
        catch (SecureShare.BuildingBlocks.Messaging.ValidationFailedException invalid)
        {
            // a change to a rule that the demo's content no longer meets: say which, at start
            throw new InvalidOperationException(
                "The demo content was refused: " + string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), invalid);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static string? NewSecret(CredentialKind kind) => kind switch
    {
        CredentialKind.Note => null, // a note's secret is its text
        CredentialKind.ApiSecret => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
        _ => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+=?", 18),
    };

    private static string NewTotpSeed() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32);
}
