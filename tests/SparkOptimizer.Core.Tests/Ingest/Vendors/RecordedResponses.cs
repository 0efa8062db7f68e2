namespace SparkOptimizer.Tests.Ingest.Vendors;

/// <summary>Responses shaped as each vendor documents them (fields, nesting, units), trimmed to a readable size.</summary>
internal static class RecordedResponses
{
    public const string DatabricksCluster = """
    {
      "cluster_id": "1234-567890-reef123",
      "spark_context_id": 4020997813441462000,
      "cluster_name": "nightly-etl",
      "spark_version": "13.3.x-scala2.12",
      "spark_conf": { "spark.sql.shuffle.partitions": "400", "spark.speculation": "true" },
      "aws_attributes": { "zone_id": "us-west-2c", "first_on_demand": 1, "availability": "SPOT_WITH_FALLBACK", "spot_bid_price_percent": 100, "ebs_volume_count": 0 },
      "node_type_id": "i3.xlarge",
      "driver_node_type_id": "i3.2xlarge",
      "autotermination_minutes": 120,
      "enable_elastic_disk": false,
      "cluster_source": "JOB",
      "state": "TERMINATED",
      "state_message": "Inactive cluster terminated (inactive for 120 minutes).",
      "start_time": 1618263108824,
      "terminated_time": 1619746525713,
      "num_workers": 30,
      "default_tags": { "Vendor": "Databricks", "Creator": "someone@example.com", "ClusterName": "nightly-etl", "ClusterId": "1234-567890-reef123" },
      "creator_user_name": "someone@example.com",
      "termination_reason": { "code": "INACTIVITY", "parameters": { "inactivity_duration_min": "120" }, "type": "SUCCESS" }
    }
    """;

    public const string DatabricksAutoscalingCluster = """
    {
      "cluster_id": "0923-164208-meows279",
      "cluster_name": "adhoc",
      "spark_version": "14.3.x-scala2.12",
      "node_type_id": "Standard_DS3_v2",
      "azure_attributes": { "first_on_demand": 1, "availability": "ON_DEMAND_AZURE", "spot_bid_max_price": -1 },
      "autoscale": { "min_workers": 2, "max_workers": 8 },
      "state": "RUNNING"
    }
    """;

    public const string DataprocCluster = """
    {
      "projectId": "analytics-prod",
      "clusterName": "etl-cluster",
      "config": {
        "configBucket": "dataproc-staging-us-central1-123456789-abcdefgh",
        "gceClusterConfig": { "zoneUri": "https://www.googleapis.com/compute/v1/projects/analytics-prod/zones/us-central1-a", "internalIpOnly": false },
        "masterConfig": {
          "numInstances": 1,
          "instanceNames": ["etl-cluster-m"],
          "machineTypeUri": "https://www.googleapis.com/compute/v1/projects/analytics-prod/zones/us-central1-a/machineTypes/n1-standard-4",
          "diskConfig": { "bootDiskSizeGb": 500, "bootDiskType": "pd-standard" }
        },
        "workerConfig": {
          "numInstances": 2,
          "instanceNames": ["etl-cluster-w-0", "etl-cluster-w-1"],
          "machineTypeUri": "https://www.googleapis.com/compute/v1/projects/analytics-prod/zones/us-central1-a/machineTypes/n1-highmem-8",
          "diskConfig": { "bootDiskSizeGb": 500, "bootDiskType": "pd-standard" }
        },
        "secondaryWorkerConfig": {
          "numInstances": 4,
          "isPreemptible": true,
          "preemptibility": "SPOT",
          "machineTypeUri": "https://www.googleapis.com/compute/v1/projects/analytics-prod/zones/us-central1-a/machineTypes/n1-highmem-8"
        },
        "softwareConfig": {
          "imageVersion": "2.1.11-debian11",
          "properties": {
            "spark:spark.executor.memory": "9310m",
            "spark:spark.executor.cores": "4",
            "spark:spark.dynamicAllocation.enabled": "true",
            "yarn:yarn.nodemanager.resource.memory-mb": "49152",
            "capacity-scheduler:yarn.scheduler.capacity.root.default.ordering-policy": "fair"
          }
        }
      },
      "status": { "state": "RUNNING", "stateStartTime": "2023-11-07T10:00:00.000Z" },
      "clusterUuid": "f2c4f6a8-2b1e-4c3d-9e8f-0a1b2c3d4e5f"
    }
    """;

    public const string YarnApplication = """
    {
      "app" : {
        "finishedTime" : 1326824991300,
        "amContainerLogs" : "http://host.domain.com:8042/node/containerlogs/container_1326821518301_0005_01_000001",
        "trackingUI" : "History",
        "state" : "FINISHED",
        "user" : "user1",
        "id" : "application_1326821518301_0005",
        "clusterId" : 1326821518301,
        "finalStatus" : "SUCCEEDED",
        "amHostHttpAddress" : "host.domain.com:8042",
        "progress" : 100,
        "name" : "Spark shell",
        "applicationType" : "SPARK",
        "startedTime" : 1326824544552,
        "elapsedTime" : 446748,
        "diagnostics" : "",
        "trackingUrl" : "http://host.domain.com:8088/proxy/application_1326821518301_0005/",
        "queue" : "a1",
        "allocatedMB" : -1,
        "allocatedVCores" : -1,
        "runningContainers" : -1,
        "memorySeconds" : 151730,
        "vcoreSeconds" : 103
      }
    }
    """;
}
