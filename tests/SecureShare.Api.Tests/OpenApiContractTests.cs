using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// The published OpenAPI document is a contract an MSP's automation generates its client from (decision 0025). Every
/// API test's traffic is held to it as it runs (<see cref="ContractCheck"/>); these tests hold the document's own shape.
/// </summary>
public abstract class OpenApiContractTests(TestApp app) : DatabaseTest(app)
{
    internal static async Task<JsonObject> DocumentAsync(TestApp app) =>
        JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(op => ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!.AsObject())));

    [Fact]
    public async Task Every_operation_has_a_unique_id_a_summary_and_the_tag_of_its_module()
    {
        var document = await DocumentAsync(App);
        var modules = document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToHashSet();
        var operations = Operations(document).ToList();

        operations.Count.ShouldBeGreaterThan(40);
        foreach (var (name, operation) in operations)
        {
            operation["operationId"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace(name);
            operation["summary"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace(name);
            var tags = operation["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
            tags.Count.ShouldBe(1, name);
            modules.ShouldContain(tags[0], name);
        }

        operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).ShouldBeUnique();
    }

    [Fact]
    public async Task Every_error_answer_is_a_problem_and_every_operation_lists_bad_input()
    {
        foreach (var (name, operation) in Operations(await DocumentAsync(App)))
        {
            var responses = operation["responses"]!.AsObject();
            responses.ShouldContainKey("400", name);
            responses.Any(r => r.Key.StartsWith('2')).ShouldBeTrue(name);
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var content = response!["content"]!.AsObject();
                content.Select(c => c.Key).ShouldBe(["application/problem+json"], $"{name} {status}");
                content["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/ProblemDetails");
            }
        }
    }

    [Fact]
    public async Task Anonymous_routes_need_no_token_and_every_other_route_needs_the_bearer_token()
    {
        string[] anonymous = ["POST /api/v1/auth/login", "POST /api/v1/auth/mfa", "POST /api/v1/auth/mfa/passkey", "POST /api/v1/auth/mfa/passkey/options", "POST /api/v1/public/invitations/{token}/accept", "POST /api/v1/public/password-reset", "POST /api/v1/public/password-reset/{token}", "POST /api/v1/signup", "GET /api/v1/audit/signing-key", "GET /api/v1/public/links/{token}", "POST /api/v1/public/links/{token}/open", "GET /api/v1/public/links/{token}/files/{fileId}"];
        var document = await DocumentAsync(App);
        document["security"].ShouldBeNull("security is given per operation");
        foreach (var (name, operation) in Operations(document))
        {
            var security = operation["security"]!.AsArray();
            if (anonymous.Contains(name))
            {
                security.Count.ShouldBe(0, name);
            }
            else
            {
                security.Single()!.AsObject().Select(s => s.Key).ShouldBe(["Bearer"], name);
                operation["responses"]!.AsObject().ShouldContainKey("401", name);
            }
        }
    }

    [Fact]
    public async Task Only_the_api_is_published_never_the_benchmark_or_page_routes()
    {
        var paths = (await DocumentAsync(App))["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldAllBe(p => p.StartsWith("/api/v1/"));
    }

    [Fact]
    public async Task Each_request_type_has_its_own_schema()
    {
        var document = await DocumentAsync(App);
        var create = document["paths"]!["/api/v1/clients"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        create.ShouldBe("#/components/schemas/CreateClientCommand");
        var schema = document["components"]!["schemas"]!["CreateClientCommand"]!["properties"]!.AsObject();
        schema.Select(p => p.Key).ShouldBe(["name", "adminEmail", "adminPassword", "adminDisplayName"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_response_the_document_does_not_describe_fails_the_test_that_got_it()
    {
        var contract = await App.ContractAsync();
        contract.Check(new Exchange("GET", "/api/v1/me", null, null, 418, "text/plain", "teapot")).ShouldNotBeEmpty();
        contract.Check(new Exchange("POST", "/api/v1/clients", "application/json", """{"name":"x","adminEmail":"a@b.c","adminPassword":"p"}""",
            201, "application/json", """{"id":"not a guid","name":"x"}""")).ShouldNotBeEmpty();
        contract.Check(new Exchange("GET", "/api/v1/links/policy", null, null, 200, "application/json", """{"maxExpiryMinutes":60}""")).ShouldBeEmpty();

        var anonymous = App.CreateClient();
        await anonymous.GetAsync("/api/v1/me").ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OpenApiContractTests_Sqlite(SqliteApp app) : OpenApiContractTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OpenApiContractTests_Postgres(PostgresApp app) : OpenApiContractTests(app);

/// <summary>Once, on one database: the committed document is a file, and two writers would race on it.</summary>
[Collection(SqliteCollection.Name)]
public sealed class OpenApiDocumentFileTests(SqliteApp app) : DatabaseTest(app)
{
    private const string UpdateVariable = "SECURESHARE_UPDATE_OPENAPI";

    /// <summary>docs/openapi.json is what clients are generated from (tests/SecureShare.Client.Tests); it must be the live document.</summary>
    [Fact]
    public async Task The_committed_document_is_the_live_one()
    {
        var live = (await OpenApiContractTests.DocumentAsync(App)).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = Path.Combine(HostProcess.RepositoryRoot, "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, live);
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        committed.ShouldBe(live, $"docs/openapi.json is out of date: run `{UpdateVariable}=1 bash scripts/test.sh --filter OpenApiContract` and commit it.");
    }

    /// <summary>The document passes Redocly's recommended rules: `redocly lint docs/openapi.json` (installed by scripts/test.sh).</summary>
    [Fact]
    public async Task The_committed_document_passes_redocly_lint_with_its_recommended_rules()
    {
        var redocly = Environment.GetEnvironmentVariable("SECURESHARE_REDOCLY");
        redocly.ShouldNotBeNullOrEmpty("run the tests with scripts/test.sh, which installs @redocly/cli");
        var start = new ProcessStartInfo(redocly, ["lint", "docs/openapi.json", "--extends=recommended", "--format=stylish"])
        {
            WorkingDirectory = HostProcess.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();
        var report = await output + await errors;
        lint.ExitCode.ShouldBe(0, report);
        report.ShouldContain("valid", Case.Insensitive, report);
        System.Text.RegularExpressions.Regex.IsMatch(report, @"You have \d+ warnings?").ShouldBeFalse(report);
    }
}
