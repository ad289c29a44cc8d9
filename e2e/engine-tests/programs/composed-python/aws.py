"""The few AWS resources this program declares besides the component, as plain custom resources of
the aws package (the simulated aws plugin serves them): the engine tests install no pulumi_aws. A real
program would `import pulumi_aws as aws` and use aws.dynamodb.Table and so on."""
import pulumi

_AWS = pulumi.ResourceOptions(version="6.83.0")


class Table(pulumi.CustomResource):
    name: pulumi.Output[str]
    arn: pulumi.Output[str]

    def __init__(self, resource_name, hash_key, attributes, billing_mode):
        super().__init__("aws:dynamodb/table:Table", resource_name, {
            "hashKey": hash_key, "attributes": attributes, "billingMode": billing_mode, "name": None, "arn": None}, _AWS)


class Bucket(pulumi.CustomResource):
    bucket: pulumi.Output[str]
    arn: pulumi.Output[str]

    def __init__(self, resource_name):
        super().__init__("aws:s3/bucket:Bucket", resource_name, {"bucket": None, "arn": None}, _AWS)


class SecurityGroup(pulumi.CustomResource):
    def __init__(self, resource_name, vpc_id, description):
        super().__init__("aws:ec2/securityGroup:SecurityGroup", resource_name, {"vpcId": vpc_id, "description": description}, _AWS)


class SecurityGroupIngressRule(pulumi.CustomResource):
    def __init__(self, resource_name, **props):
        super().__init__("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", resource_name, props, _AWS)
