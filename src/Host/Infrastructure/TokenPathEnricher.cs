using SecureShare.BuildingBlocks.Web;
using Serilog.Core;
using Serilog.Events;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// Every log event's request path (the request log's own, and the one ASP.NET Core's request scope adds
/// to each event) is written as <see cref="LoggedPaths.ForLog"/> shows it: a link share's token never
/// reaches a log.
/// </summary>
internal sealed class TokenPathEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var name in (string[])["RequestPath", "Path"])
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path })
            {
                var logged = LoggedPaths.ForLog(new PathString(path));
                if (logged != path)
                {
                    logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(logged)));
                }
            }
        }
    }
}
