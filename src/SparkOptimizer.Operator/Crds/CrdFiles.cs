using SparkOptimizer.Operator.Entities.Optimization;

namespace SparkOptimizer.Operator.Crds;

/// <summary>The CRDs this operator owns and where their YAML is committed (relative to the repository root).</summary>
public static class CrdFiles
{
    public static readonly IReadOnlyList<Type> Entities = [typeof(V1Alpha1SparkOptimization)];

    public static readonly IReadOnlyList<string> Folders = ["crds", "charts/spark-optimizer/crds"];

    public static string FileName(Type entity)
    {
        var crd = CrdGenerator.Transpile(entity);
        return crd.Metadata.Name + ".yaml";
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding SparkOptimizer.sln.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparkOptimizer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No SparkOptimizer.sln at or above {start}");
    }

    /// <summary>Writes every CRD into <paramref name="folder"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var entity in Entities)
        {
            var path = Path.Combine(folder, FileName(entity));
            File.WriteAllText(path, CrdGenerator.ToYaml(entity));
            written.Add(path);
        }

        return written;
    }
}
