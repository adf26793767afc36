using SecureShare.Benchmarks.BareHost;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Host;

// The Host as it ships, with the benchmark's yardstick beside it (see BareEndpoints). PostgreSQL only.
var app = SecureShareApp.Build(args);
if (app.Services.GetRequiredService<DatabaseOptions>().Provider != DatabaseProvider.PostgreSql)
{
    throw new InvalidOperationException("The bare endpoints are PostgreSQL's: run this with Database:Provider=PostgreSql.");
}

app.Logger.LogWarning("Benchmark bare endpoints are on (/bench/bare, loopback only): they skip authentication. Never in production.");
app.MapBareEndpoints();
await app.RunAsync();
