using SecureShare.Host;

var app = SecureShareApp.Build(args);
if (args.Contains("migrate"))
{
    await app.Services.GetRequiredService<SecureShare.BuildingBlocks.Persistence.DatabaseMigrator>().MigrateAsync();
    return;
}

await app.RunAsync();

public partial class Program;
