using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Crds;

/// <summary>
/// Transpiles an entity class into its CustomResourceDefinition by reflection (KubeOps' <c>Crds.Transpile</c>):
/// <c>[JsonPropertyName]</c> names the fields, CLR types give the OpenAPI types, attributes add enums, required,
/// patterns, descriptions, short names and printer columns. A <c>status</c> property turns on the status subresource.
/// </summary>
public static class CrdGenerator
{
    public static V1CustomResourceDefinition Transpile(Type entity)
    {
        var meta = entity.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{entity.Name} has no [KubernetesEntity]", nameof(entity));
        var plural = meta.PluralName ?? throw new ArgumentException($"{entity.Name} has no plural name", nameof(entity));
        var hasStatus = JsonProperties(entity).Any(p => p.Name == "status");

        var schema = ObjectSchema(entity, root: true);
        schema.Description = entity.GetCustomAttribute<DescriptionAttribute>()?.Description;

        var columns = entity.GetCustomAttributes<PrinterColumnAttribute>()
            .OrderBy(c => c.Order)
            .Select(c => new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                JsonPath = c.JsonPath,
                Type = c.Type,
                Description = c.Description,
                Priority = c.Priority == 0 ? null : c.Priority,
            })
            .ToList();

        var shortNames = entity.GetCustomAttributes<ShortNameAttribute>().Select(s => s.Name).ToList();

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{plural}.{meta.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = meta.Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = meta.Kind,
                    ListKind = meta.Kind + "List",
                    Plural = plural,
                    Singular = meta.Kind.ToLowerInvariant(),
                    ShortNames = shortNames.Count == 0 ? null : shortNames,
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = meta.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema },
                        Subresources = hasStatus ? new V1CustomResourceSubresources { Status = new Dictionary<string, object>() } : null,
                        AdditionalPrinterColumns = columns.Count == 0 ? null : columns,
                    },
                ],
            },
        };
    }

    /// <summary>The CRD as YAML, with a header saying where it comes from.</summary>
    public static string ToYaml(Type entity)
    {
        var header = $"# Generated from {entity.FullName} by `dotnet run --project src/SparkOptimizer.Operator -- generate-crds`.\n# Do not edit: change the C# type and regenerate (a test fails when this file drifts).\n";
        return header + KubernetesYaml.Serialize(Transpile(entity));
    }

    private static IEnumerable<(string Name, PropertyInfo Property)> JsonPropertiesWithInfo(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicyCamel(p.Name), p));

    private static IEnumerable<(string Name, PropertyInfo Property)> JsonProperties(Type type) => JsonPropertiesWithInfo(type);

    private static string JsonNamingPolicyCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static V1JSONSchemaProps ObjectSchema(Type type, bool root = false)
    {
        var properties = new Dictionary<string, V1JSONSchemaProps>();
        var required = new List<string>();
        foreach (var (name, property) in JsonPropertiesWithInfo(type))
        {
            if (root && name is "apiVersion" or "kind")
            {
                properties[name] = new V1JSONSchemaProps { Type = "string" };
                continue;
            }

            if (root && name == "metadata")
            {
                properties[name] = new V1JSONSchemaProps { Type = "object" };
                continue;
            }

            properties[name] = PropertySchema(property);
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Properties = properties,
            Required = required.Count == 0 ? null : required,
        };
    }

    private static V1JSONSchemaProps PropertySchema(PropertyInfo property)
    {
        var schema = TypeSchema(property.PropertyType);
        schema.Description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } values)
        {
            schema.EnumProperty = values.Values.Cast<object>().ToList();
        }

        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            schema.Pattern = pattern.Pattern;
        }

        return schema;
    }

    private static V1JSONSchemaProps TypeSchema(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(int) || type == typeof(short))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new V1JSONSchemaProps { Type = "number" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = TypeSchema(valueType) };
        }

        if (EnumerableItemType(type) is { } itemType)
        {
            return new V1JSONSchemaProps { Type = "array", Items = TypeSchema(itemType) };
        }

        if (type.IsClass)
        {
            return ObjectSchema(type);
        }

        throw new NotSupportedException($"No OpenAPI mapping for {type}");
    }

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary is not null && dictionary.GetGenericArguments()[0] == typeof(string) ? dictionary.GetGenericArguments()[1] : null;
    }

    private static Type? EnumerableItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
