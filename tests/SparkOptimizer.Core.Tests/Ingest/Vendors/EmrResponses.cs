namespace SparkOptimizer.Tests.Ingest.Vendors;

/// <summary>EMR DescribeCluster and ListInstanceGroups answers in the shape the EMR API reference documents.</summary>
internal static class EmrResponses
{
    public const string DescribeCluster = """
    {
      "Cluster": {
        "Id": "j-3SD91U2E1L2QX",
        "Name": "nightly-emr",
        "Status": { "State": "TERMINATED", "StateChangeReason": { "Code": "ALL_STEPS_COMPLETED", "Message": "Steps completed" },
          "Timeline": { "CreationDateTime": 1.699351164E9, "EndDateTime": 1.699354764E9 } },
        "Ec2InstanceAttributes": { "Ec2AvailabilityZone": "us-east-1a", "IamInstanceProfile": "EMR_EC2_DefaultRole" },
        "InstanceCollectionType": "INSTANCE_GROUP",
        "ReleaseLabel": "emr-6.10.0",
        "AutoTerminate": true,
        "Applications": [ { "Name": "Spark", "Version": "3.3.1" } ],
        "ServiceRole": "EMR_DefaultRole",
        "NormalizedInstanceHours": 96,
        "Configurations": [
          { "Classification": "spark-defaults", "Properties": { "spark.executor.memory": "18971M", "spark.executor.cores": "4", "spark.dynamicAllocation.enabled": "true" } },
          { "Classification": "spark-env", "Configurations": [ { "Classification": "export", "Properties": { "PYSPARK_PYTHON": "/usr/bin/python3" } } ], "Properties": {} }
        ],
        "ScaleDownBehavior": "TERMINATE_AT_TASK_COMPLETION"
      }
    }
    """;

    public const string ListInstanceGroups = """
    {
      "InstanceGroups": [
        { "Id": "ig-1", "Name": "Master", "Market": "ON_DEMAND", "InstanceGroupType": "MASTER", "InstanceType": "m5.xlarge", "RequestedInstanceCount": 1, "RunningInstanceCount": 1, "Status": { "State": "TERMINATED" } },
        { "Id": "ig-2", "Name": "Core", "Market": "ON_DEMAND", "InstanceGroupType": "CORE", "InstanceType": "r5.2xlarge", "RequestedInstanceCount": 4, "RunningInstanceCount": 4, "Status": { "State": "TERMINATED" } },
        { "Id": "ig-3", "Name": "Task", "Market": "SPOT", "BidPrice": "OnDemandPrice", "InstanceGroupType": "TASK", "InstanceType": "r5.2xlarge", "RequestedInstanceCount": 6, "RunningInstanceCount": 6, "Status": { "State": "TERMINATED" } }
      ]
    }
    """;
}
