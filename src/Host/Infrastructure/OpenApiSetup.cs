using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using SecureShare.BuildingBlocks.Web;

namespace SecureShare.Host.Infrastructure;

/// <summary>
/// The OpenAPI document at /openapi/v1.json, the contract outside clients are generated from (decision 0025). It
/// holds the /api/v1 routes only. Each operation's id is its feature's name (the class that maps it, so one
/// feature, one operation), its tag is the module that owns it, its security is what it really needs (none for
/// the anonymous routes), and its answers include the problem+json errors every route of its kind can give.
/// Schemas are named after the feature that declares them (<c>CreateClient.Command</c> → <c>CreateClientCommand</c>).
/// </summary>
internal static class OpenApiSetup
{
    private const string Bearer = "Bearer";
    private const string Problem = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> Modules = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Tenants (the MSP and its clients), users, security groups, sign-in and sessions.",
        ["Credentials"] = "Credentials, their secrets and versions, import, and link shares.",
        ["Folders"] = "Each tenant's folder tree and its credential list view.",
        ["Sharing"] = "Sharing credentials between an MSP and its clients, in bulk, and revoking it.",
        ["Audit"] = "The audit log.",
        ["Jobs"] = "Large work (a bulk action of many items, an offboarding) run in the background, and its progress.",
    };

    public static IServiceCollection AddSecureShareOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.CreateSchemaReferenceId = SchemaName;
            options.AddSchemaTransformer(DescribeSchema);
            options.AddOperationTransformer(DescribeOperation);
            options.AddDocumentTransformer(DescribeDocument);
        });

    /// <summary>A nested type is named with the types that hold it, a generic one with its arguments: <c>PageOfListUsersItem</c>.</summary>
    private static string? SchemaName(JsonTypeInfo info) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(info) is null ? null : NameOf(Nullable.GetUnderlyingType(info.Type) ?? info.Type);

    private static string NameOf(Type type)
    {
        var outer = type.DeclaringType is { } holder && !type.IsGenericParameter ? NameOf(holder) : "";
        if (!type.IsGenericType)
        {
            return outer + type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return outer + name + "Of" + string.Concat(type.GetGenericArguments().Select(NameOf));
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var feature = FeatureOf(metadata.OfType<MethodInfo>().First());
        operation.OperationId = feature.Name;
        operation.Tags = new HashSet<OpenApiTagReference> { new(ModuleOf(feature), document) };

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = anonymous ? [] : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] }];

        operation.Responses ??= [];
        AddProblem(operation, document, 400, "Bad input: a malformed body, parameter or query value, or a broken rule (`errors` names the fields).");
        if (anonymous)
        {
            AddProblem(operation, document, 401, "A bearer token was sent that is not (or no longer) valid: send none.");
        }
        else
        {
            AddProblem(operation, document, 401, "No valid session: sign in.");
            AddProblem(operation, document, 403, "The caller's role may not do this, or its one-time password must be replaced first.");
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source.Id is "Path" or "Body"))
        {
            AddProblem(operation, document, 404, "Something the request names (in its path or body) does not exist or is not the caller's to see: the two answer alike.");
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Body"))
        {
            AddProblem(operation, document, 415, "The body is not JSON (send Content-Type: application/json).");
        }

        DescribeFiles(operation, document, metadata);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            AddProblem(operation, document, 429, "Too many requests from this address or for this account: wait a minute.");
        }

        AddProblem(operation, document, 500, "The server failed (for one, a stored secret that fails its integrity check); `traceId` names it in the server's log.");

        // The problem+json answers an endpoint declares itself (.ProducesProblem) get the shared schema too.
        foreach (var (_, response) in operation.Responses.Where(r => r.Key[0] is '4' or '5'))
        {
            if (response is OpenApiResponse { Content: { } content } && content.Remove(ProblemJson))
            {
                content[ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(Problem, document) };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// What System.Text.Json really reads and writes: text and instants through SecureShare's own converters
    /// (<see cref="TextWithoutNul"/>, <see cref="UtcInstants"/>) are still strings, enums are their names, and a
    /// property that may be null is never required (a body may leave it out; the validators say what is needed).
    /// </summary>
    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var nullable = context.JsonPropertyInfo is { IsSetNullable: true } || Nullable.GetUnderlyingType(type) is not null;
        if (schema.Type is null && schema.OneOf is null && schema.AnyOf is null)
        {
            if (type == typeof(string))
            {
                schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            }
            else if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset))
            {
                schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                schema.Format = "date-time";
            }
            else if ((Nullable.GetUnderlyingType(type) ?? type).IsEnum)
            {
                // The enum's one shared schema: its names only (a nullable use adds null beside the reference, not in it).
                schema.Type = JsonSchemaType.String;
                schema.Enum = schema.Enum?.Where(value => value is not null).ToList();
            }
            else if (type == typeof(JsonElement))
            {
                // Raw JSON in SecureShare's answers is always an object (a job's result: its command's own answer);
                // "anything" would also match null, and a nullable use (null or this) would then match twice.
                schema.Type = JsonSchemaType.Object;
            }
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is null && ElementOf(type) == typeof(string))
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        if (schema.Required is { Count: > 0 } required)
        {
            var mayBeNull = context.JsonTypeInfo.Properties.Where(MayBeNull).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            required.ExceptWith(mayBeNull);
        }

        // A property computed from others (no setter, never null) is in every answer, and never null.
        if (context.JsonPropertyInfo is { } own && IsComputed(own) && schema.Type is { } ownType)
        {
            schema.Type = ownType & ~JsonSchemaType.Null;
        }

        foreach (var computed in context.JsonTypeInfo.Properties.Where(IsComputed))
        {
            (schema.Required ??= new HashSet<string>(StringComparer.Ordinal)).Add(computed.Name);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A route that takes a file reads a multipart/form-data body with the file in a field named file (and answers 415 to any
    /// other); one that sends a file answers its bytes as an octet stream.
    /// </summary>
    private static void DescribeFiles(OpenApiOperation operation, OpenApiDocument document, IList<object> metadata)
    {
        if (metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Contains("multipart/form-data")))
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = metadata.OfType<MultipartFields>().SelectMany(f => f.Fields)
                                .Select(f => (f.Name, Schema: (IOpenApiSchema)new OpenApiSchema { Type = JsonSchemaType.String, Description = f.Description }))
                                .Append(("file", new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The file; its name is the part's file name (sanitised)." }))
                                .ToDictionary(f => f.Item1, f => f.Item2),
                            Required = new HashSet<string>(StringComparer.Ordinal) { "file" },
                        },
                    },
                },
            };
            operation.Responses!.Remove("415");
            AddProblem(operation, document, 415, "The body is not multipart/form-data.");
        }

        foreach (var (_, response) in operation.Responses!.Where(r => r.Key[0] == '2'))
        {
            if (response is OpenApiResponse { Content: { } content } && content.ContainsKey("application/octet-stream"))
            {
                content["application/octet-stream"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            }
        }
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static bool IsComputed(JsonPropertyInfo property) => property is { Set: null, IsGetNullable: false, Get: not null };

    private static bool MayBeNull(JsonPropertyInfo property) =>
        property.IsSetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument document, int status, string description) =>
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(Problem, document) } },
        });

    /// <summary>The class a route's handler was written in (not the compiler's closure class): the feature.</summary>
    private static Type FeatureOf(MethodInfo handler)
    {
        var type = handler.DeclaringType!;
        while (type.IsDefined(typeof(CompilerGeneratedAttribute)) || type.Name.StartsWith('<'))
        {
            type = type.DeclaringType!;
        }

        return type;
    }

    /// <summary>SecureShare.Modules.Sharing → Sharing; the Host's own features by their folder (SecureShare.Host.Jobs → Jobs).</summary>
    private static string ModuleOf(Type feature)
    {
        var assembly = feature.Assembly.GetName().Name!;
        const string prefix = "SecureShare.Modules.";
        return assembly.StartsWith(prefix, StringComparison.Ordinal) ? assembly[prefix.Length..] : feature.Namespace![(feature.Namespace!.LastIndexOf('.') + 1)..];
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "SecureShare API";
        document.Info.Description = "Credentials shared between MSPs and their clients. Sign in with POST /api/v1/auth/login and send its accessToken as a bearer token. Errors are RFC 9457 problem details.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://secureshare.invalid/license") };
        document.Servers = [new OpenApiServer { Url = "/", Description = "This SecureShare server." }];
        document.Tags = Modules.Select(m => new OpenApiTag { Name = m.Key, Description = m.Value }).ToHashSet();
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken from POST /api/v1/auth/login: a signed token naming a server-side session.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = ProblemSchema();
        return Task.CompletedTask;
    }

    /// <summary>RFC 9457 problem details as SecureShare writes them (ProblemExceptionHandler and the status code pages).</summary>
    private static OpenApiSchema ProblemSchema()
    {
        static OpenApiSchema Of(JsonSchemaType type, string description) => new() { Type = type, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem: what went wrong, for a person and for a program.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Of(JsonSchemaType.String, "A URI that names the kind of problem."),
                ["title"] = Of(JsonSchemaType.String, "A short summary of the kind of problem."),
                ["status"] = Of(JsonSchemaType.Integer, "The HTTP status code."),
                ["detail"] = Of(JsonSchemaType.String, "What happened in this case."),
                ["instance"] = Of(JsonSchemaType.String, "The request that had the problem."),
                ["traceId"] = Of(JsonSchemaType.String, "Names this request in the server's log."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "For bad input: each field with its messages.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Of(JsonSchemaType.String, "A message.") },
                },
            },
        };
    }
}
