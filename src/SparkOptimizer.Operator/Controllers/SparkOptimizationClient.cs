using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SparkOptimizer.Operator.Entities.Optimization;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>
/// Reads, creates and writes status of SparkOptimizations. Status goes only through the /status subresource, as a
/// merge patch carrying the resourceVersion it was computed from, and is retried after a re-read on 409 Conflict.
/// </summary>
public sealed class SparkOptimizationClient(IKubernetes client, int maxConflictRetries = 5)
{
    private const string Group = V1Alpha1SparkOptimization.Group;
    private const string Version = V1Alpha1SparkOptimization.Version;
    private const string Plural = V1Alpha1SparkOptimization.Plural;

    public async Task<V1Alpha1SparkOptimization?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1SparkOptimization>(Group, Version, ns, Plural, name, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the object; returns null when one with that name appeared meanwhile (409 AlreadyExists).</summary>
    public async Task<V1Alpha1SparkOptimization?> CreateAsync(V1Alpha1SparkOptimization optimization, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1SparkOptimization>(
                optimization, Group, Version, optimization.Metadata.NamespaceProperty, Plural, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>Merge-patches top-level spec fields (the app's annotations changed); the generation moves.</summary>
    public async Task<V1Alpha1SparkOptimization> PatchSpecAsync(string ns, string name, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var spec = new JsonObject();
        foreach (var (key, value) in fields)
        {
            spec[key] = value;
        }

        var patch = new JsonObject { ["spec"] = spec }.ToJsonString();
        return await client.CustomObjects.PatchNamespacedCustomObjectAsync<V1Alpha1SparkOptimization>(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Re-reads the object, lets <paramref name="compose"/> compute the new status from it (or return null to leave it
    /// alone), and patches /status conditioned on the resourceVersion read. On 409 it starts over from a fresh read.
    /// Returns the status written, or null when <paramref name="compose"/> declined.
    /// </summary>
    public async Task<SparkOptimizationStatus?> UpdateStatusAsync(
        string ns, string name, Func<V1Alpha1SparkOptimization, SparkOptimizationStatus?> compose, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(ns, name, cancellationToken)
                ?? throw new InvalidOperationException($"SparkOptimization {ns}/{name} vanished");
            var status = compose(current);
            if (status is null)
            {
                return null;
            }

            var patch = StatusPatch(current, status);
            try
            {
                await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                    new V1Patch(patch, V1Patch.PatchType.MergePatch), Group, Version, ns, Plural, name, cancellationToken: cancellationToken);
                return status;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < maxConflictRetries)
            {
                // someone else wrote in between: read again and recompute
            }
        }
    }

    /// <summary>A merge patch replacing the whole status: keys that disappear are set to null so they are removed.</summary>
    internal static string StatusPatch(V1Alpha1SparkOptimization current, SparkOptimizationStatus status)
    {
        var next = JsonNode.Parse(KubernetesJson.Serialize(status))!.AsObject();
        if (current.Status is not null)
        {
            var previous = JsonNode.Parse(KubernetesJson.Serialize(current.Status))!.AsObject();
            foreach (var (key, _) in previous)
            {
                if (!next.ContainsKey(key))
                {
                    next[key] = null;
                }
            }
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata.ResourceVersion },
            ["status"] = next,
        };
        return patch.ToJsonString();
    }
}
