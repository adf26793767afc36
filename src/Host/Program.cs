using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Host;
using SecureShare.Host.Infrastructure;

// Operator commands: "migrate" applies migrations and exits; "rotate-master-key [--new-key]"
// re-wraps every tenant data key (see MasterKeyRotation). Other arguments are configuration.
string[] commands = ["migrate", "rotate-master-key", "--new-key"];
// (not Except: a set operation would also drop a repeated value, such as a second "true")
var app = SecureShareApp.Build(args.Where(a => !commands.Contains(a)).ToArray());
if (args.Contains("migrate") || args.Contains("rotate-master-key"))
{
    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    return args.Contains("rotate-master-key") ? await MasterKeyRotation.RunAsync(app, generate: args.Contains("--new-key")) : 0;
}

await app.RunAsync();
return 0;

public partial class Program;
