// The few AWS resources this program declares besides the component, as plain custom resources of
// the aws package (the simulated aws plugin serves them): the engine tests install no @pulumi/aws.
// A real program would `import * as aws from "@pulumi/aws"` and use aws.dynamodb.Table and so on.
import * as pulumi from "@pulumi/pulumi";

const aws = { version: "6.83.0" };

export class Table extends pulumi.CustomResource {
    public readonly name!: pulumi.Output<string>;
    public readonly arn!: pulumi.Output<string>;
    constructor(name: string, args: { hashKey: string; attributes: { name: string; type: string }[]; billingMode: string }) {
        super("aws:dynamodb/table:Table", name, { ...args, name: undefined, arn: undefined }, aws);
    }
}

export class Bucket extends pulumi.CustomResource {
    public readonly bucket!: pulumi.Output<string>;
    public readonly arn!: pulumi.Output<string>;
    constructor(name: string) {
        super("aws:s3/bucket:Bucket", name, { bucket: undefined, arn: undefined }, aws);
    }
}

export class SecurityGroup extends pulumi.CustomResource {
    constructor(name: string, args: { vpcId: pulumi.Input<string>; description: string }) {
        super("aws:ec2/securityGroup:SecurityGroup", name, args, aws);
    }
}

export class SecurityGroupIngressRule extends pulumi.CustomResource {
    constructor(name: string, args: { securityGroupId: pulumi.Input<string>; referencedSecurityGroupId: pulumi.Input<string>;
            ipProtocol: string; fromPort: number; toPort: number; description: string }) {
        super("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, args, aws);
    }
}
