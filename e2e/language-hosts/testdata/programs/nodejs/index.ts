import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const name: string = config.get("name") ?? "nobody";
export const greeting = `hello ${name} from nodejs on ${pulumi.getStack()}`;
export const secretLength = config.requireSecret("token").apply(token => token.length);
