using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SecureShare.Testing;

/// <summary>
/// The published OpenAPI document, as a judge of real traffic: an exchange breaks the contract when its operation is not
/// in the document, its status code is not one the operation lists, its body is not of a listed media type, or its JSON
/// does not match the schema given for it. A request is judged only when the server accepted it (2xx): what the server
/// takes, the document must allow; a refused one is bad input, which only has to be answered as documented.
/// </summary>
public sealed class ApiContract
{
    private const string Prefix = "/api/v1";

    private readonly JsonObject _definitions;
    private readonly List<Operation> _operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private ApiContract(JsonObject document)
    {
        _definitions = document["components"]?["schemas"]?.AsObject() ?? [];
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                _operations.Add(new Operation(method.ToUpperInvariant(), path, path.Split('/', StringSplitOptions.RemoveEmptyEntries), operation!.AsObject()));
            }
        }
    }

    /// <summary>The document's operations as "METHOD /path".</summary>
    public IEnumerable<string> Operations => _operations.Select(o => $"{o.Method} {o.Path}");

    /// <summary>Reads the document; its schema references (#/components/schemas/X) become JSON Schema definitions (#/$defs/X).</summary>
    public static ApiContract Parse(string document) =>
        new(JsonNode.Parse(document.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject());

    /// <summary>What is wrong with one exchange, or nothing.</summary>
    public IReadOnlyList<string> Check(Exchange exchange)
    {
        var path = exchange.Path.Split('?')[0];
        if (!path.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            return [];
        }

        var operation = Find(exchange.Method, path);
        var name = $"{exchange.Method} {path} → {exchange.Status}";
        if (operation is null)
        {
            // No route: the server's 404/405 for a path it does not have (401 before that, to a caller without a session) is no operation's answer.
            return exchange.Status is 401 or 404 or 405 ? [] : [$"{name}: no operation in the document"];
        }

        var errors = new List<string>();
        var responses = operation.Json["responses"]?.AsObject();
        var response = responses?[exchange.Status.ToString(CultureInfo.InvariantCulture)] ?? responses?["default"];
        if (response is null)
        {
            errors.Add($"{name}: {operation.Id} does not list status {exchange.Status} (it lists {string.Join(", ", responses?.Select(r => r.Key) ?? [])})");
        }
        else
        {
            errors.AddRange(CheckBody($"{name} response", response["content"]?.AsObject(), exchange.ResponseContentType, exchange.ResponseBody));
        }

        // A body sent to an operation that takes none is ignored by the server: only a described one is judged.
        if (exchange.Status is >= 200 and < 300 && operation.Json["requestBody"]?["content"]?.AsObject() is { } content)
        {
            errors.AddRange(CheckBody($"{name} request", content, exchange.RequestContentType, exchange.RequestBody));
        }

        return errors;
    }

    private IEnumerable<string> CheckBody(string name, JsonObject? content, string? contentType, string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            yield break;
        }

        var mediaType = contentType?.Split(';')[0].Trim();
        if (content is null || mediaType is null || content[mediaType] is not { } media)
        {
            yield return $"{name}: a {mediaType ?? "body without a type"} the document does not list ({string.Join(", ", content?.Select(c => c.Key) ?? [])})";
            yield break;
        }

        // JSON is application/json and the +json types (problem+json); x-ndjson is lines of JSON, not one document.
        if (media["schema"] is not JsonObject schema || !(mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal)))
        {
            yield break;
        }

        var results = SchemaFor(schema).Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!results.IsValid)
        {
            var details = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .Distinct()
                .Take(8);
            yield return $"{name} does not match its schema: {string.Join("; ", details)}. Body: {Shorten(body)}";
        }
    }

    private JsonSchema SchemaFor(JsonObject schema)
    {
        var text = schema.ToJsonString();
        return _schemas.GetOrAdd(text, _ =>
        {
            var root = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = _definitions.DeepClone() };
            foreach (var (key, value) in schema)
            {
                root[key] = value?.DeepClone();
            }

            var uri = new Uri($"https://contract.secureshare.invalid/{Guid.NewGuid():N}");
            return JsonSchema.Build(JsonDocument.Parse(root.ToJsonString()).RootElement, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, uri);
        });
    }

    /// <summary>The operation for a path: a literal segment wins over a template one (/links/policy before /links/{id}).</summary>
    private Operation? Find(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return _operations
            .Where(o => o.Method == method && o.Segments.Length == segments.Length
                && o.Segments.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second))
            .OrderByDescending(o => o.Segments.Count(s => !s.StartsWith('{')))
            .FirstOrDefault();
    }

    private static string Shorten(string body) => body.Length <= 400 ? body : body[..400] + "…";

    private sealed record Operation(string Method, string Path, string[] Segments, JsonObject Json)
    {
        public string Id => Json["operationId"]?.GetValue<string>() ?? $"{Method} {Path}";
    }
}

/// <summary>One request and its answer, as the contract judges them.</summary>
public sealed record Exchange(
    string Method, string Path, string? RequestContentType, string? RequestBody, int Status, string? ResponseContentType, string? ResponseBody);
