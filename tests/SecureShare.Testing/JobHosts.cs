using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace SecureShare.Testing;

/// <summary>A host of the app that runs the job server, and following a job it started to its end.</summary>
public static class JobHosts
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Another instance of the app with the job server on, and commands of more than <paramref name="threshold"/> items run as jobs.</summary>
    public static WebApplicationFactory<Program> CreateJobsHost(this TestApp app, int threshold = 3) => app.CreateFactory(new Dictionary<string, string?>
    {
        ["Jobs:Server"] = "true",
        ["Jobs:Threshold"] = threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:QueuePollInterval"] = "00:00:01",
    });

    /// <summary><paramref name="person"/>'s session on <paramref name="host"/>, held to the API contract.</summary>
    public static HttpClient As(this WebApplicationFactory<Program> host, TestApp app, Person person)
    {
        var client = host.CreateDefaultClient(new ContractCheck(app.ContractAsync));
        client.DefaultRequestHeaders.Authorization = person.Api.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>An API key's client on <paramref name="host"/>, held to the API contract.</summary>
    public static HttpClient WithApiKey(this WebApplicationFactory<Program> host, TestApp app, string key)
    {
        var client = host.CreateDefaultClient(new ContractCheck(app.ContractAsync));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Polls the job until it succeeded or failed (or a minute passed): its last state.</summary>
    public static async Task<JsonElement> EndedJobAsync(this HttpClient client, string jobId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = await client.GetAsync($"/api/v1/jobs/{jobId}").ReadJsonAsync(HttpStatusCode.OK);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>A request that starts a job (202), followed to the job's end.</summary>
    public static async Task<JsonElement> JobAsync(this Task<HttpResponseMessage> request, HttpClient client)
    {
        var ticket = await request.ReadJsonAsync(HttpStatusCode.Accepted);
        return await client.EndedJobAsync(ticket.GetProperty("jobId").GetString()!);
    }
}
