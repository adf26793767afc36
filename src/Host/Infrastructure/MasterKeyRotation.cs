using Mediator;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Features.Keys;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// The operator command <c>rotate-master-key</c>:
/// <list type="bullet">
/// <item>without options, re-wraps every tenant data key to the configured current master key
/// (set the new key as Security:MasterKey and the old one in Security:PreviousMasterKeys first);</item>
/// <item>with <c>--new-key</c> (key-file installs), makes a new master key, writes it beside the
/// current key file as ".next", re-wraps every data key to it, then retires the old file. If it stops
/// half-way, the ".next" file still opens what was re-wrapped; run it again to finish.</item>
/// </list>
/// </summary>
internal static class MasterKeyRotation
{
    public static async Task<int> RunAsync(WebApplication app, bool generate)
    {
        var configuration = app.Configuration;
        var ring = app.Services.GetRequiredService<MasterKeyRing>();
        if (!generate)
        {
            await RewrapAsync(app, ring);
            return 0;
        }

        if (configuration["Security:MasterKey"] is { Length: > 0 })
        {
            Console.Error.WriteLine("Security:MasterKey is configured: create the new key in your secret store, configure it as Security:MasterKey with the old one in Security:PreviousMasterKeys, and run rotate-master-key without --new-key.");
            return 2;
        }

        var keyFile = MasterKeySetup.KeyFilePath(configuration, DataDirectory.Resolve(configuration, app.Environment));
        var next = keyFile + ".next";
        var newKey = File.Exists(next) ? MasterKey.FromBase64(File.ReadAllText(next)) : MasterKey.Generate();
        if (!File.Exists(next))
        {
            KeyFile.Write(next, newKey.ToBase64());
        }

        await RewrapAsync(app, new MasterKeyRing(newKey, [ring.Current, .. ring.Previous.Where(k => k.Id != newKey.Id)]));
        File.Move(keyFile, $"{keyFile}.retired-{ring.Current.Id}", overwrite: true);
        File.Move(next, keyFile);
        Console.Out.WriteLine($"Master key {newKey.Id} is now current in {keyFile}; the old key {ring.Current.Id} is kept as {Path.GetFileName(keyFile)}.retired-{ring.Current.Id} (delete it once backups no longer need it).");
        return 0;
    }

    private static async Task RewrapAsync(WebApplication app, MasterKeyRing ring)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RewrapDataKeys.Command(ring));
        Console.Out.WriteLine($"Re-wrapped {count} tenant data key(s) with master key {ring.Current.Id}.");
    }
}
