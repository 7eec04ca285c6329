package dev.jwtauth.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README is a front door and docs/ one page per reader's question, linked to each other and into the source tree:
 * a moved file or a reworded heading must not leave a reader at a dead link, and a link must never lead out of the
 * repository to a file a clone does not have. So every relative link in README.md and docs/*.md must name a file or
 * directory of the repository, every {@code #anchor} (in the page or after {@code file.md}) a heading of its target
 * under GitHub's rules, and no link may point at {@code ../shared} or a path outside the repository. Links to other
 * sites (public standards and projects) are not fetched: this test runs without a network.
 *
 * <p>Markdown is read with regular expressions, which is enough for the links these pages use: inline links and
 * images, reference definitions, autolinks and HTML {@code href}/{@code src}. What sits in fenced code blocks or
 * code spans is code, not a link, and is ignored.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern INLINE_LINK = Pattern.compile(
            "!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^>\\s]+)>?");
    private static final Pattern AUTOLINK = Pattern.compile("<([A-Za-z][A-Za-z0-9+.-]*:[^>\\s]*)>");
    private static final Pattern HTML_LINK = Pattern.compile("(?:href|src)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** A link as written: the page it is on, its line, and its target. */
    record Link(Path page, int line, String target) {

        @Override
        public String toString() {
            return ROOT.relativize(page) + ":" + line + " → " + target;
        }
    }

    private static List<Path> pages;
    private static List<Link> links;

    @BeforeAll
    static void readThePages() throws IOException {
        pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        links = new ArrayList<>();
        for (Path page : pages) {
            links.addAll(links(page, Files.readAllLines(page)));
        }
        assertTrue(pages.size() > 1, "docs/ holds no pages");
        assertFalse(links.isEmpty(), "no links found in " + pages + ": the reader below is broken");
    }

    @Test
    void everyRelativeLinkNamesAFileOfTheRepository() {
        List<Link> dead = new ArrayList<>();
        for (Link link : links) {
            if (isRelative(link) && insideTheRepository(link) && !Files.exists(targetOf(link))) {
                dead.add(link);
            }
        }
        assertTrue(dead.isEmpty(), "links to files that do not exist: " + dead);
    }

    @Test
    void everyAnchorNamesAHeadingOfItsTarget() throws IOException {
        List<String> dead = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        for (Link link : links) {
            int hash = link.target().indexOf('#');
            if (!isRelative(link) || hash < 0 || !insideTheRepository(link)) {
                continue;
            }
            Path target = targetOf(link);
            String anchor = link.target().substring(hash + 1);
            if (!Files.isRegularFile(target) || !target.toString().endsWith(".md")) {
                dead.add(link + " (an anchor into something other than a Markdown page cannot be checked)");
            } else if (!anchors.computeIfAbsent(target, DocumentationLinksTest::anchorsOfPage).contains(anchor)) {
                dead.add(link + " (headings there: " + anchors.get(target) + ")");
            }
        }
        assertTrue(dead.isEmpty(), "anchors that name no heading: " + dead);
    }

    /** A clone has nothing outside the repository: such a link is dead for every reader but its author. */
    @Test
    void noLinkLeavesTheRepository() {
        List<Link> outside = new ArrayList<>();
        for (Link link : links) {
            boolean escapes = link.target().contains("../shared")
                    || link.target().regionMatches(true, 0, "file:", 0, 5)
                    || link.target().startsWith("/")
                    || isRelative(link) && !insideTheRepository(link);
            if (escapes) {
                outside.add(link);
            }
        }
        assertTrue(outside.isEmpty(), "links that leave the repository, where a clone has nothing: "
                + outside);
    }

    /** The anchors GitHub gives headings, checked on the kinds of heading these pages have. */
    @Test
    void anchorsFollowGitHubsSlugRule() {
        assertEquals("logout-theft-and-revocation-without-giving-up-statelessness",
                slug("Logout, theft and revocation without giving up statelessness"));
        assertEquals("register-post-apiusers", slug("Register (`POST /api/users`)"));
        assertEquals("node-with-jose", slug("Node, with `jose`"));
        assertEquals("a-b--c_d", slug("A b — c_d"));
        assertEquals("start-up", slug("Start-up"));
        assertEquals("trusting-the-service", slug("Trusting [the service](api.md)"));
        assertEquals(List.of("usage", "usage-1", "usage-2"),
                anchors(List.of("# Usage", "## Usage", "```", "# not a heading", "```", "### Usage")));
    }

    /** Otherwise a shell comment or a Java annotation in an example would be read as a heading or a link. */
    @Test
    void codeBlocksAndCodeSpansHoldNoLinks() {
        List<Link> found = links(ROOT.resolve("x.md"), List.of(
                "see [the API](api.md) and `[not](a-link.md)`",
                "```bash",
                "echo [neither](this.md)",
                "```",
                "~~~",
                "[nor](that.md)",
                "~~~",
                "<https://www.rfc-editor.org/rfc/rfc7519>"));
        assertEquals(List.of("api.md", "https://www.rfc-editor.org/rfc/rfc7519"),
                found.stream().map(Link::target).toList());
    }

    // --- reading the pages ------------------------------------------------------------------------------------

    static List<Link> links(Path page, List<String> lines) {
        List<Link> found = new ArrayList<>();
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher opening = FENCE.matcher(line);
            if (opening.find()) {
                String marker = opening.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                }
                continue;
            }
            if (fence != null) {
                continue;
            }
            String text = CODE_SPAN.matcher(line).replaceAll(" ");
            for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION, AUTOLINK, HTML_LINK)) {
                Matcher link = pattern.matcher(text);
                while (link.find()) {
                    found.add(new Link(page, i + 1, link.group(1)));
                }
            }
        }
        return found;
    }

    private static Set<String> anchorsOfPage(Path page) {
        try {
            return new LinkedHashSet<>(anchors(Files.readAllLines(page)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + page, e);
        }
    }

    /** The anchor of each heading outside code, a repeated one numbered as GitHub numbers it ("-1", "-2"). */
    static List<String> anchors(List<String> lines) {
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inCode = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                inCode = !inCode;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inCode || !heading.matches()) {
                continue;
            }
            String slug = slug(heading.group(1));
            int times = seen.merge(slug, 1, Integer::sum);
            anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
        }
        return anchors;
    }

    /**
     * GitHub's rule: a link in a heading counts by its text; the rest is lower-cased, every character that is not a
     * letter, a digit, a space, {@code -} or {@code _} is dropped (backticks, slashes, commas, dashes of other kinds),
     * and each space becomes {@code -}.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").strip().toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    // --- where a link leads -----------------------------------------------------------------------------------

    private static boolean isRelative(Link link) {
        return !SCHEME.matcher(link.target()).find() && !link.target().startsWith("/");
    }

    /** The file or directory a relative link names; a link that is only an anchor names its own page. */
    private static Path targetOf(Link link) {
        String path = link.target();
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        if (path.isEmpty()) {
            return link.page();
        }
        return link.page().getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
    }

    private static boolean insideTheRepository(Link link) {
        return targetOf(link).startsWith(ROOT);
    }
}
