import Testing

@testable import TraceReport

@Suite("Asset formatter: keys and displays of global assets")
struct AssetFormatterTests {
    @Test("the older shape: single slots keyed by kind, queries and screens by name and screen_id")
    func olderShape() {
        let global = GlobalAssets(
            slots: [("prompt", .info(registryInfo("ci_compose_prompt", .int(2)))), ("schema", .info(registryInfo("ci_graph_schema", nil)))],
            lists: [
                ("query", "queries", [registryInfo("cpu_usage", .int(1))]),
                ("screen", "screens", [AssetInfo(assetID: "s-1", version: .int(2), source: .named("asset_registry"), screenID: "screen_arch")]),
            ])
        let entries = AssetFormatter().entries(for: global)
        #expect(entries.map(\.key) == ["prompt", "schema", "query:cpu_usage", "screen:screen_arch"])
        #expect(entries.map(\.display) == ["ci_compose_prompt (v2)", "ci_graph_schema", "cpu_usage (v1)", "screen_arch (v2)"])
    }

    @Test("the newer shape: prompts, policies, mappings and tools lists, skipping the entry identical to the single slot")
    func newerShape() {
        let compose = registryInfo("ci_compose_prompt", .int(2))
        let global = GlobalAssets(
            slots: [("prompt", .info(compose)), ("catalog", .info(registryInfo("ops_catalog", .int(2))))],
            lists: [
                ("prompt", "prompts", [registryInfo("ci_planner_prompt", .int(4)), compose]),
                ("mapping", "mappings", [AssetInfo(name: "metric_alias", source: .named("builtin_fallback"))]),
                ("tool", "tools", [registryInfo("promql_runner", .int(2))]),
            ])
        let entries = AssetFormatter().entries(for: global)
        #expect(entries.map(\.key) == ["prompt", "catalog", "prompt:ci_planner_prompt", "mapping:metric_alias", "tool:promql_runner"])
        #expect(entries.first { $0.key == "mapping:metric_alias" }?.display == "metric_alias (fallback)")
        #expect(entries.first { $0.key == "mapping:metric_alias" }?.isFallback == true)
    }

    @Test("list keys fall back to asset_id when the name (or screen_id) is missing")
    func keysFromAssetID() {
        let global = GlobalAssets(lists: [
            ("query", "queries", [AssetInfo(assetID: "q-77", version: .int(4))]),
            ("screen", "screens", [AssetInfo(assetID: "s-9", name: "Architecture", version: .int(1))]),
        ])
        let entries = AssetFormatter().entries(for: global)
        #expect(entries.map(\.key) == ["query:q-77", "screen:s-9"])
        #expect(entries.map(\.display) == ["q-77 (v4)", "Architecture (v1)"], "a query shows its key's id; a screen its screen_id, else its name")
    }

    @Test("an override replaces the display of the single slot and of the list entry it names")
    func overrides() {
        let formatter = AssetFormatter(overrides: ["prompt:ci_compose_prompt": "ci_compose_prompt (v3-canary)", "query:cpu_usage": "cpu_usage (v9)"])
        let global = GlobalAssets(
            slots: [("prompt", .info(registryInfo("ci_compose_prompt", .int(2))))],
            lists: [("query", "queries", [registryInfo("cpu_usage", .int(1)), registryInfo("mem_usage", .int(1))])])
        let entries = formatter.entries(for: global)
        #expect(entries.map(\.display) == ["ci_compose_prompt (v3-canary)", "cpu_usage (v9)", "mem_usage (v1)"])
        #expect(entries.map(\.isOverride) == [true, true, false])
    }

    @Test("a recorded stage display is kept exactly; a raw info in a stage map is formatted")
    func stageValues() {
        let formatter = AssetFormatter(fallbacks: ["mapping": true])
        let recorded = formatter.entries(key: "query:cpu_usage", value: .display("cpu_usage (v1)"))[0]
        #expect(recorded.display == "cpu_usage (v1)")
        #expect(recorded.kind == "query" && recorded.keyName == "cpu_usage" && recorded.name == "cpu_usage" && recorded.version == "1")
        let raw = formatter.entries(key: "screen:screen_arch", value: .info(AssetInfo(version: .int(2), source: .named("asset_registry"), screenID: "screen_arch")))[0]
        #expect(raw.display == "screen_arch (v2)")
        let flagged = formatter.entries(key: "mapping", value: .display("metric_alias (v5)"))[0]
        #expect(flagged.isFallback, "fallbacks[kind] == true marks the asset even when its display does not")
    }

    @Test("an override is recognised on a stage asset by kind and display")
    func overrideRecognition() {
        let formatter = AssetFormatter(overrides: ["prompt:ci_compose_prompt": "ci_compose_prompt (v3-canary)"])
        #expect(formatter.entries(key: "prompt", value: .display("ci_compose_prompt (v3-canary)"))[0].isOverride)
        #expect(!formatter.entries(key: "prompt", value: .display("ci_compose_prompt (v2)"))[0].isOverride)
        #expect(!formatter.entries(key: "policy", value: .display("ci_compose_prompt (v3-canary)"))[0].isOverride)
    }
}
