package dev.serverlesscontainers.e2e;

/** Pulumi URNs as these tests name resources: the type token, two spaces, the logical name. */
final class Urns {
    private Urns() {}

    /** {@code urn:pulumi:dev::proj::parent$aws:ec2/vpc:Vpc::hello-dev-vpc} -> {@code aws:ec2/vpc:Vpc  hello-dev-vpc}. */
    static String typeAndName(String urn) {
        int nameStart = urn.lastIndexOf("::");
        String qualifiedType = urn.substring(urn.lastIndexOf("::", nameStart - 1) + 2, nameStart);
        String type = qualifiedType.substring(qualifiedType.lastIndexOf('$') + 1);
        return type + "  " + urn.substring(nameStart + 2);
    }
}
