using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecureShare.Testing;
using Xunit.Abstractions;

namespace SecureShare.Tests.Standing;

/// <summary>
/// The fuzzer: every API route in the OpenAPI document gets generated ids, cursors, query values and bodies
/// (from the document's schemas and from the matrix's valid bodies), each then mutated (nulls in arrays,
/// wrong types, huge strings, duplicate keys, deep nesting, extreme numbers, odd text, no JSON at all).
/// Whatever it sends, the answer is never 500 or above. The seed and the count are printed; set
/// SECURESHARE_FUZZ_SEED and SECURESHARE_FUZZ_COUNT to replay a run or to run longer.
/// </summary>
public abstract class FuzzTests(TestApp app, ITestOutputHelper output) : DatabaseTest(app)
{
    private const int DefaultCountPerRoute = 12;

    /// <summary>
    /// Routes that can change how their caller signs in (wrong current passwords lock an account; a first TOTP code
    /// guessed by chance would turn MFA on): fuzzed as another user, so that the admin whose session a fuzzed sign-out
    /// ends can always sign in again with a password.
    /// </summary>
    private static readonly HashSet<string> ChangesHowTheCallerSignsIn = ["PUT /api/v1/me/password", "POST /api/v1/me/mfa/totp/confirm"];

    /// <summary>Routes that can change how the whole tenant signs in (MFA required): fuzzed as the admin of a tenant of its own.</summary>
    private static readonly HashSet<string> ChangesHowTheTenantSignsIn = ["PUT /api/v1/tenant/policy", "PUT /api/v1/tenant/sso", "DELETE /api/v1/tenant/sso"];

    [Fact]
    public async Task No_generated_or_mutated_request_to_any_route_gets_a_5xx()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SECURESHARE_FUZZ_SEED"), out var s) ? s : Random.Shared.Next();
        var count = int.TryParse(Environment.GetEnvironmentVariable("SECURESHARE_FUZZ_COUNT"), out var c) ? c : DefaultCountPerRoute;
        output.WriteLine($"fuzz: seed {seed}, {count} requests per route (replay: SECURESHARE_FUZZ_SEED={seed} SECURESHARE_FUZZ_COUNT={count} bash scripts/test.sh --filter Fuzz)");

        var document = HostRoutes.Json(await (await App.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync());
        var scene = await TenantScene.CreateAsync(App);
        var generator = new Generator(new Random(seed), document, scene.Objects);
        var admin = scene.Admin;
        var guesser = await App.ClientForAsync(scene.TechnicianEmail);
        var bystander = await App.ClientForAsync((await App.SignupMspAsync()).AdminEmail);
        var anonymous = App.CreateClient();
        var failures = new List<string>();
        var sent = 0;
        var routes = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name.ToUpperInvariant(), Operation: o.Value)))
            .Where(r => r.Path.StartsWith("/api/v1/", StringComparison.Ordinal))
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
        routes.Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal).ToList().ShouldBe(HostRoutes.Api(App), "the document names every route the Host maps");

        foreach (var (path, method, operation) in routes)
        {
            for (var i = 0; i < count; i++)
            {
                var (url, body) = generator.Request(path, method, operation);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (generator.Upload(operation) is { } upload)
                {
                    request.Content = upload;
                }
                else if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, generator.Pick(["application/json", "application/json", "application/json", "text/plain"]));
                }

                var route = $"{method} {path}";
                var caller = path.Contains("/public/", StringComparison.Ordinal) ? anonymous
                    : ChangesHowTheCallerSignsIn.Contains(route) ? guesser
                    : ChangesHowTheTenantSignsIn.Contains(route) ? bystander
                    : admin;
                using var response = await caller.SendAsync(request);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    var cause = App.Logs.Lines.LastOrDefault(l => l.Text.Contains("Unhandled failure", StringComparison.Ordinal)).Text ?? "";
                    failures.Add($"{method} {Cut(url)} {Cut(body ?? "")} → {(int)response.StatusCode}: {Cut(cause, 600)}");
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && caller == admin && path != "/api/v1/auth/login")
                {
                    admin = await App.ClientForAsync(scene.Msp.AdminEmail); // a fuzzed request ended the session (sign-out, password change): go on in a new one
                }
            }
        }

        output.WriteLine($"fuzz: {sent} requests to {routes.Count} routes, {failures.Count} answered 5xx");
        failures.ShouldBeEmpty($"seed {seed}, count {count}");
    }

    private static string Cut(string text, int length = 200) => text.Length > length ? text[..length] + "…" : text;

    /// <summary>Requests made from the document and the matrix, then mutated; all choices come from one seeded Random.</summary>
    private sealed class Generator(Random random, JsonElement document, TenantObjects own)
    {
        private static readonly string[] OddText =
        [
            "", " ", "x", "\u0000", "a\u0000b", "\ud800", "\u202eevil", "💥🔑", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "null",
            "-1", "0", "99999999999999999999", "1e400", "NaN", "true", "00000000-0000-0000-0000-000000000000", "2026-13-45T99:99:99Z", "0001-01-01T00:00:00+14:00",
        ];

        public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        public (string Url, string? Body) Request(string path, string method, JsonElement operation)
        {
            var url = new StringBuilder();
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var filled = path;
            foreach (var parameter in parameters.Where(x => x.GetProperty("in").GetString() == "path"))
            {
                filled = filled.Replace("{" + parameter.GetProperty("name").GetString() + "}", Uri.EscapeDataString(PathValue(path)), StringComparison.Ordinal);
            }

            url.Append(filled);
            var query = parameters.Where(x => x.GetProperty("in").GetString() == "query" && random.Next(3) > 0)
                .Select(x => $"{x.GetProperty("name").GetString()}={Uri.EscapeDataString(QueryValue(x.GetProperty("name").GetString()!, x.TryGetProperty("schema", out var sc) ? sc : default))}")
                .ToList();
            if (query.Count > 0)
            {
                url.Append('?').Append(string.Join('&', query));
            }

            string? body = null;
            if (operation.TryGetProperty("requestBody", out var requestBody))
            {
                body = Body($"{method} {path}", requestBody.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema"));
            }
            else if (method is "POST" or "PUT" or "PATCH" && random.Next(4) == 0)
            {
                body = Mutate("{}");
            }

            return (url.ToString(), body);
        }

        /// <summary>No NUL in a path: the server refuses the request line itself (Kestrel answers 400; the in-memory test server throws).</summary>
        private string PathValue(string path) => random.Next(6) switch
        {
            0 => Guid.NewGuid().ToString(),
            1 => Pick(OddText).Replace("\0", "", StringComparison.Ordinal),
            2 => new string('a', random.Next(1, 3000)),
            _ => path.Contains("/public/links/", StringComparison.Ordinal) ? own.LinkToken : Pick(own.Texts().ToList()),
        };

        private string QueryValue(string name, JsonElement schema) => name switch
        {
            "cursor" => random.Next(3) switch
            {
                0 => Pick(OddText),
                1 => System.Buffers.Text.Base64Url.EncodeToString(random.Next(2) == 0
                    ? Encoding.UTF8.GetBytes(Pick(["-5/" + Guid.NewGuid(), long.MaxValue + "/" + Guid.NewGuid(), "1/2/3", "\u0002x", "\u0000", "9" + new string('9', 40), "-1"]))
                    : RandomBytes(random.Next(0, 64))),
                _ => System.Buffers.Text.Base64Url.EncodeToString(RandomBytes(16)),
            },
            "limit" => Pick(["0", "1", "50", "500", "501", "-1", "2147483648", "abc", ""]),
            _ => random.Next(3) == 0 ? Pick(OddText) : Scalar(schema).ToJsonString().Trim('"'),
        };

        private byte[] RandomBytes(int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        /// <summary>
        /// For a route that takes a file, most of the time a multipart body (else the JSON or text the others get): a field
        /// named file or not, odd file names and types, random bytes, the closing boundary there or missing.
        /// </summary>
        public HttpContent? Upload(JsonElement operation)
        {
            if (!operation.TryGetProperty("requestBody", out var requestBody) || !requestBody.GetProperty("content").TryGetProperty("multipart/form-data", out _)
                || random.Next(4) == 0)
            {
                return null;
            }

            var boundary = "fuzz" + random.Next();
            var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{Pick(["file", "file", "other", ""])}\"; filename=\"{Pick(OddText)}\"\r\n"
                + $"Content-Type: {Pick(["text/plain", "", "x/y; a=\"", "application/octet-stream", "\u202e/evil", "*/*"])}\r\n\r\n";
            var tail = random.Next(3) > 0 ? $"\r\n--{boundary}--\r\n" : "";
            var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(head), .. RandomBytes(random.Next(0, 3000)), .. Encoding.UTF8.GetBytes(tail)]);
            content.Headers.TryAddWithoutValidation("Content-Type", random.Next(6) == 0 ? "multipart/form-data" : $"multipart/form-data; boundary={boundary}");
            return content;
        }

        private string Body(string route, JsonElement schema)
        {
            JsonNode? basis = random.Next(2) == 0 && AuthorizationMatrixTests.Matrix.TryGetValue(route, out var rule) && rule.Body is { } template
                && template is not (AuthorizationMatrixTests.FileBody or AuthorizationMatrixTests.ImportBody)
                ? JsonNode.Parse(own.Fill(template))
                : Generate(schema, 0);
            return Mutate(basis?.ToJsonString() ?? "null");
        }

        /// <summary>A value of the schema (a reference, a type or a list of types, an enum, an object, an array), as plausible as the document allows.</summary>
        private JsonNode? Generate(JsonElement schema, int depth)
        {
            if (schema.ValueKind != JsonValueKind.Object || depth > 6)
            {
                return JsonValue.Create(Pick(OddText));
            }

            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                return document.GetProperty("components").GetProperty("schemas").TryGetProperty(name, out var target) ? Generate(target, depth + 1) : null;
            }

            if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            {
                return Generate(Pick(oneOf.EnumerateArray().ToList()), depth + 1);
            }

            if (schema.TryGetProperty("enum", out var values))
            {
                return JsonNode.Parse(Pick(values.EnumerateArray().ToList()).GetRawText());
            }

            var types = !schema.TryGetProperty("type", out var type) ? ["string"]
                : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            return Pick(types) switch
            {
                "object" => GenerateObject(schema, depth),
                "array" => new JsonArray([.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => schema.TryGetProperty("items", out var items) ? Generate(items, depth + 1) : null)]),
                "null" => null,
                _ => Scalar(schema),
            };
        }

        private JsonObject GenerateObject(JsonElement schema, int depth)
        {
            var result = new JsonObject();
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject().Where(_ => random.Next(5) > 0))
                {
                    result[property.Name] = Generate(property.Value, depth + 1);
                }
            }

            return result;
        }

        private JsonNode Scalar(JsonElement schema)
        {
            var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t)
                ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : t.GetString()
                : "string";
            var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            return (type, format) switch
            {
                (_, "uuid") => JsonValue.Create(random.Next(3) == 0 ? Guid.NewGuid().ToString() : Pick(own.Texts().ToList()))!,
                (_, "date-time") => JsonValue.Create(DateTimeOffset.UtcNow.AddDays(random.Next(-400, 400)).AddHours(random.Next(-12, 14)).ToString("O"))!,
                ("integer", _) => JsonValue.Create(Pick([0, 1, 5, 60, 100, 101, 10_000, -1, int.MaxValue, int.MinValue]))!,
                ("number", _) => JsonValue.Create(Pick([0.5, -1e10, 1e300]))!,
                ("boolean", _) => JsonValue.Create(random.Next(2) == 0)!,
                _ => JsonValue.Create(random.Next(3) == 0 ? Pick(OddText) : $"fuzz {random.Next(1000)}")!,
            };
        }

        /// <summary>Zero to three mutations of a JSON text: structural ones on its tree, then textual ones on its text.</summary>
        private string Mutate(string json)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(json);
            }
            catch (JsonException)
            {
                return json;
            }

            for (var n = random.Next(0, 4); n > 0; n--)
            {
                var containers = Containers(node).ToList();
                if (containers.Count == 0)
                {
                    break;
                }

                var container = Pick(containers);
                switch (random.Next(6))
                {
                    case 0 when container is JsonArray array:
                        array.Insert(random.Next(array.Count + 1), null);
                        break;
                    case 1 when container is JsonObject obj && obj.Count > 0:
                        obj[Pick(obj.Select(p => p.Key).ToList())] = Pick<Func<JsonNode?>>([() => 42, () => "text", () => new JsonArray(), () => new JsonObject(), () => true, () => null])();
                        break;
                    case 2 when container is JsonObject obj && obj.Count > 0:
                        obj[Pick(obj.Select(p => p.Key).ToList())] = new string(Pick(['x', 'é', '鍵']), Pick([1_000, 70_000, 300_000]));
                        break;
                    case 3 when container is JsonObject obj && obj.Count > 0:
                        obj.Remove(Pick(obj.Select(p => p.Key).ToList()));
                        break;
                    case 4 when container is JsonObject obj:
                        obj[Pick(["name", "id", "fields", "credentialIds", "userIds", "extra"])] = JsonValue.Create(Pick(OddText));
                        break;
                    case 5 when container is JsonArray array:
                        array.Add(JsonValue.Create(Pick(OddText)));
                        break;
                }
            }

            var text = node?.ToJsonString() ?? "null";
            return random.Next(8) switch
            {
                0 when text.StartsWith("{\"", StringComparison.Ordinal) && text.IndexOf(',') is var comma and > 0 => "{" + text[1..comma] + "," + text[1..], // a duplicate key
                1 => text.Replace("0", "1e400", StringComparison.Ordinal).Replace("1,", "-9223372036854775809,", StringComparison.Ordinal), // numbers beyond every type
                2 when text.IndexOf(':') is var colon and > 0 => text[..(colon + 1)] + new string('[', 300) + new string(']', 300) + "," + text[(colon + 1)..].TrimStart(), // deep nesting
                3 => Pick(["", "not json", "{", "[]", "null", "\"text\"", "{\"a\":}", "{\"a\":1,}", "\u0000"]),
                _ => text,
            };
        }

        private static IEnumerable<JsonNode> Containers(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                yield return obj;
                foreach (var child in obj.Select(p => p.Value).SelectMany(Containers))
                {
                    yield return child;
                }
            }
            else if (node is JsonArray array)
            {
                yield return array;
                foreach (var child in array.SelectMany(Containers))
                {
                    yield return child;
                }
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FuzzTests_Sqlite(SqliteApp app, ITestOutputHelper output) : FuzzTests(app, output);

[Collection(PostgresCollection.Name)]
public sealed class FuzzTests_Postgres(PostgresApp app, ITestOutputHelper output) : FuzzTests(app, output);
