package dev.serverlesscontainers.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YNode.YScalar;
import dev.serverlesscontainers.model.yaml.YNode.YSeq;
import org.junit.jupiter.api.Test;

class LocatedYamlReaderTest {

    private static YMap read(String text) {
        LocatedYamlReader.Result r = LocatedYamlReader.read(text);
        assertThat(r.problems()).isEmpty();
        return (YMap) r.root().orElseThrow();
    }

    @Test
    void everyNodeKnowsItsLineAndColumn() {
        YMap root = read("a:\n  b: 1\n  c: [x, \"y\"]\n");
        YMap a = (YMap) root.get("a");
        assertThat(a.entries().get("b").keyLocation()).isEqualTo(new Location(2, 3));
        assertThat(a.get("b").location()).isEqualTo(new Location(2, 6));
        YSeq c = (YSeq) a.get("c");
        assertThat(c.items().get(1).location()).isEqualTo(new Location(3, 10));
    }

    @Test
    void scalarsKeepTheirYamlTypes() {
        YMap root = read("i: 12\nf: 1.5\nb: true\nn: null\ns: \"12\"\nt: hello\n");
        assertThat(((YScalar) root.get("i")).value()).isEqualTo(12);
        assertThat(((YScalar) root.get("f")).value()).isEqualTo(1.5);
        assertThat(((YScalar) root.get("b")).value()).isEqualTo(true);
        assertThat(((YScalar) root.get("n")).isNull()).isTrue();
        assertThat(((YScalar) root.get("s")).value()).isEqualTo("12");
        assertThat(((YScalar) root.get("t")).value()).isEqualTo("hello");
    }

    @Test
    void aliasesShareTheAnchoredNodeAndMergeKeysYieldToLocalKeys() {
        YMap root = read("base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n");
        assertThat(root.get("use")).isSameAs(root.get("base"));
        YMap merged = (YMap) root.get("merged");
        assertThat(merged.entries().keySet()).containsExactly("y", "x");
        assertThat(((YScalar) merged.get("y")).value()).isEqualTo(3);
        assertThat(((YScalar) merged.get("x")).value()).isEqualTo(1);
    }

    @Test
    void aCharacterYamlForbidsIsReportedWhereItIs() {
        LocatedYamlReader.Result r = LocatedYamlReader.read("name: app\ncontainers:\n  web: {src: \"./w\u0000\"}\n");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location(3, 18));
            assertThat(p.message()).isEqualTo("the character U+0000 is not allowed in YAML (remove it, or write it as an escape "
                    + "in a double-quoted string)");
        });
    }

    @Test
    void codePointPositionsBecomeLinesAndColumns() {
        assertThat(LocatedYamlReader.locationOfCodePoint("ab\nc\ud83d\ude00d", 5)).isEqualTo(new Location(2, 3));
        assertThat(LocatedYamlReader.locationOfCodePoint("ab", 0)).isEqualTo(new Location(1, 1));
    }

    @Test
    void anUnknownAliasIsAProblem() {
        LocatedYamlReader.Result r = LocatedYamlReader.read("a: *nothing\n");
        assertThat(r.problems()).extracting(YamlProblem::message).containsExactly("alias *nothing refers to no anchor &nothing defined before it");
    }

    @Test
    void tagsAreRefused() {
        LocatedYamlReader.Result r = LocatedYamlReader.read("a: !Ref Thing\n");
        assertThat(r.problems()).extracting(YamlProblem::message).containsExactly("YAML tags are not supported (got !Ref)");
    }

    @Test
    void aQuadraticBlowUpIsRefusedQuickly() {
        StringBuilder yaml = new StringBuilder("a: &a [" + "x,".repeat(300) + "x]\nb: [");
        yaml.append("*a,".repeat(300)).append("*a]\n");
        long start = System.nanoTime();
        LocatedYamlReader.Result r = LocatedYamlReader.read(yaml.toString());
        assertThat(r.root()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("billion laughs"));
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
