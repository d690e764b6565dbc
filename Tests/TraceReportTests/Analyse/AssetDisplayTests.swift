import Testing

@testable import TraceReport

@Suite("Asset display: the orchestrator's formatting rules")
struct AssetDisplayTests {
    @Test("a registry asset shows its version, whatever JSON type the version has")
    func registryVersions() {
        #expect(AssetDisplay.format(registryInfo("ci_compose_prompt", .int(2))) == "ci_compose_prompt (v2)")
        #expect(AssetDisplay.format(registryInfo("latency_p99", .string("2024.11"))) == "latency_p99 (v2024.11)")
        #expect(AssetDisplay.format(registryInfo("x", .double(3))) == "x (v3.0)")
        #expect(AssetDisplay.format(registryInfo("x", .int(0))) == "x (v0)")
    }

    @Test("a null or missing version shows the bare name")
    func noVersion() {
        #expect(AssetDisplay.format(registryInfo("ci_graph_schema", nil)) == "ci_graph_schema")
        #expect(AssetDisplay.format(AssetInfo(name: "plain")) == "plain")
    }

    @Test("a source other than the registry is a fallback, even with a version")
    func fallbackSource() {
        let info = AssetInfo(name: "metric_alias", version: .int(5), source: .named("builtin_fallback"))
        #expect(AssetDisplay.format(info) == "metric_alias (fallback)")
    }

    @Test("a present-but-null source counts as not the registry, as in the Python code")
    func nullSource() {
        #expect(
            AssetDisplay.format(AssetInfo(name: "prometheus_main", version: .int(2), source: .null))
                == "prometheus_main (fallback)")
        #expect(
            AssetDisplay.format(AssetInfo(name: "prometheus_main", version: .int(2), source: .absent))
                == "prometheus_main (v2)")
    }

    @Test("the name falls back to screen_id, then unknown; empty strings fall through like Python's `or`")
    func nameFallbacks() {
        #expect(AssetDisplay.format(AssetInfo(version: .int(2), screenID: "screen_arch")) == "screen_arch (v2)")
        #expect(AssetDisplay.format(AssetInfo(name: "", screenID: "screen_arch")) == "screen_arch")
        #expect(AssetDisplay.format(AssetInfo(version: .int(1))) == "unknown (v1)")
    }

    @Test("queries, screens and tools are displayed by name and version alone")
    func versioned() {
        #expect(AssetDisplay.versioned("cpu_usage", .int(1)) == "cpu_usage (v1)")
        #expect(AssetDisplay.versioned("cpu_usage", nil) == "cpu_usage")
    }

    @Test("a display reads back as name, version and fallback")
    func parsing() {
        #expect(AssetDisplay.parse("cpu_usage (v1)") == ("cpu_usage", "1", false))
        #expect(AssetDisplay.parse("metric_alias (fallback)") == ("metric_alias", nil, true))
        #expect(AssetDisplay.parse("ci_graph_schema") == ("ci_graph_schema", nil, false))
        #expect(AssetDisplay.parse("odd (v1) name (v3-canary)") == ("odd (v1) name", "3-canary", false))
    }
}
