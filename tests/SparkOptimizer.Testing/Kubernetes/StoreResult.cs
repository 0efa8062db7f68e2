using System.Text.Json.Nodes;

namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>The outcome of a store operation: the object, or a Kubernetes Status.</summary>
public sealed record StoreResult(int Code, JsonObject Body)
{
    public bool Succeeded => Code is >= 200 and < 300;

    public static StoreResult Ok(int code, JsonObject obj) => new(code, obj);

    public static StoreResult Fail(int code, string reason, string message, string? name = null, ResourceType? type = null) =>
        new(code, Status(code, reason, message, name, type));

    public static JsonObject Status(int code, string reason, string message, string? name = null, ResourceType? type = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (name is not null && type is not null)
        {
            status["details"] = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural };
        }

        return status;
    }
}
