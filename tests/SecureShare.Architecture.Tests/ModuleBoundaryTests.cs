using System.Reflection;
using System.Xml.Linq;

namespace SecureShare.Tests;

/// <summary>A module references only BuildingBlocks and other modules' .Contracts: read from the project files and the built assemblies.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string Root = SecureShare.Testing.HostProcess.RepositoryRoot;

    public static TheoryData<string> ModuleProjects()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(Root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_module_references_only_BuildingBlocks_and_other_modules_contracts(string project)
    {
        var path = Directory.GetFiles(Path.Combine(Root, "src", "Modules"), project + ".csproj", SearchOption.AllDirectories).Single();
        var references = XDocument.Load(path).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        var isContracts = project.EndsWith(".Contracts", StringComparison.Ordinal);

        foreach (var reference in references)
        {
            var allowed = reference == "SecureShare.BuildingBlocks"
                || (reference.StartsWith("SecureShare.Modules.", StringComparison.Ordinal) && reference.EndsWith(".Contracts", StringComparison.Ordinal));
            allowed.ShouldBeTrue($"{project} must not reference {reference}");
        }

        // Audit has none: the audit contract (IAuditTrail) is BuildingBlocks', since the request pipeline writes to it too.
        var contracts = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path))!, project + ".Contracts");
        if (!isContracts && Directory.Exists(contracts))
        {
            references.ShouldContain(project + ".Contracts");
        }

        if (isContracts)
        {
            Directory.GetFiles(Path.GetDirectoryName(path)!, "*.cs").ShouldNotBeEmpty($"{project} is empty: a module without a public surface has no Contracts project");
        }

        File.ReadAllText(path).ShouldNotContain("Mediator.SourceGenerator", customMessage: "only the Host runs the Mediator source generator");
    }

    [Fact]
    public void No_module_assembly_reaches_another_modules_implementation()
    {
        var modules = Directory.GetFiles(AppContext.BaseDirectory, "SecureShare.Modules.*.dll")
            .Select(f => Assembly.LoadFrom(f))
            .ToList();
        modules.Count.ShouldBeGreaterThanOrEqualTo(9); // five modules, four Contracts (Audit has none)
        foreach (var module in modules)
        {
            var name = module.GetName().Name!;
            var own = name.EndsWith(".Contracts", StringComparison.Ordinal) ? name[..^".Contracts".Length] : name;
            foreach (var reference in module.GetReferencedAssemblies().Select(r => r.Name!).Where(r => r.StartsWith("SecureShare.", StringComparison.Ordinal)))
            {
                var allowed = reference == "SecureShare.BuildingBlocks" || reference.EndsWith(".Contracts", StringComparison.Ordinal) || reference == own;
                allowed.ShouldBeTrue($"{name} reaches {reference}");
            }
        }
    }

    /// <summary>Module tables belong to their module: the Host composes, it does not query them (the benchmark's bare SQL lives in benchmarks/).</summary>
    [Fact]
    public void The_host_holds_no_sql_against_module_tables()
    {
        var sql = new System.Text.RegularExpressions.Regex(
            @"\b(FROM|JOIN|INTO|UPDATE)\s+""?(accounts|credentials|folders|sharing|audit)""?\.", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var offenders = Directory.GetFiles(Path.Combine(Root, "src", "Host"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => sql.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();
        offenders.ShouldBeEmpty();
    }
}
