import Testing

@testable import TraceReport

@Suite("Asset formatter: keys and displays of global assets")
struct AssetFormatterTests {
    @Test("the older shape: single slots keyed by kind, queries and screens by name and screen_id")
    func olderShape() {
        let global = GlobalAssets(
            slots: [
                ("prompt", .info(registryInfo("ci_compose_prompt", .int(2)))),
                ("schema", .info(registryInfo("ci_graph_schema", nil))),
            ],
            lists: [
                ("query", "queries", [registryInfo("cpu_usage", .int(1))]),
                (
                    "screen", "screens",
                    [
                        AssetInfo(
                            assetID: "s-1", version: .int(2), source: .named("asset_registry"), screenID: "screen_arch")
                    ]
                ),
            ])
        let entries = AssetFormatter().entries(for: global)
        #expect(entries.map(\.key) == ["prompt", "schema", "query:cpu_usage", "screen:screen_arch"])
        #expect(
            entries.map(\.display) == [
                "ci_compose_prompt (v2)", "ci_graph_schema", "cpu_usage (v1)", "screen_arch (v2)",
            ])
    }

    @Test(
        "the newer shape: prompts, policies, mappings and tools lists, skipping the entry identical to the single slot")
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
        #expect(
            entries.map(\.key) == [
                "prompt", "catalog", "prompt:ci_planner_prompt", "mapping:metric_alias", "tool:promql_runner",
            ])
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
        #expect(
            entries.map(\.display) == ["q-77 (v4)", "Architecture (v1)"],
            "a query shows its key's id; a screen its screen_id, else its name")
    }

    @Test("an override replaces the display of the single slot and of the list entry it names")
    func overrides() {
        let formatter = AssetFormatter(overrides: [
            "prompt:ci_compose_prompt": "ci_compose_prompt (v3-canary)", "query:cpu_usage": "cpu_usage (v9)",
        ])
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
        #expect(
            recorded.kind == "query" && recorded.keyName == "cpu_usage" && recorded.name == "cpu_usage"
                && recorded.version == "1")
        let raw = formatter.entries(
            key: "screen:screen_arch",
            value: .info(AssetInfo(version: .int(2), source: .named("asset_registry"), screenID: "screen_arch")))[0]
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

    @Test("a falsy single slot ({} or an empty display) is skipped, as `if not info` skips it")
    func falsySlots() {
        let global = GlobalAssets(slots: [
            ("prompt", .info(AssetInfo(isEmptyRecord: true))), ("policy", .display("")),
            ("schema", .info(registryInfo("db_schema", .int(3)))),
        ])
        #expect(
            AssetFormatter().entries(for: global).map(\.key) == ["schema"], "older records' schema slot is still read")
    }

    @Test("a single slot's override key is <kind>:<name>, and <kind>:None when the info has no name")
    func slotOverrideKeys() {
        let formatter = AssetFormatter(overrides: [
            "prompt:None": "anonymous (v9)", "policy:ci_view_policy": "ci_view_policy (v7)", "mapping:unknown": "never",
        ])
        let global = GlobalAssets(slots: [
            ("prompt", .info(AssetInfo(version: .int(1), source: .named("asset_registry")))),
            ("policy", .info(registryInfo("ci_view_policy", .int(3)))),
            ("mapping", .info(AssetInfo(screenID: "m"))),
        ])
        let entries = formatter.entries(for: global)
        #expect(
            entries.map(\.display) == ["anonymous (v9)", "ci_view_policy (v7)", "m"],
            "the override key uses `name`, not the display's name of last resort")
        #expect(entries.map(\.isOverride) == [true, true, false])
    }

    @Test(
        "a prompts/policies/mappings entry equal to its slot by name, version and asset_id is skipped; one that differs in any is kept"
    )
    func slotCopiesSkipped() {
        let slot = registryInfo("ci_compose_prompt", .int(2), id: "p-1")
        var otherID = slot
        otherID.assetID = "p-2"
        var floatVersion = slot
        floatVersion.version = .double(2)
        floatVersion.source = .named("local")
        let global = GlobalAssets(
            slots: [("prompt", .info(slot))], lists: [("prompt", "prompts", [slot, otherID, floatVersion])])
        #expect(AssetFormatter().entries(for: global).map(\.key) == ["prompt", "prompt:ci_compose_prompt"])
        #expect(
            AssetFormatter().entries(for: global).last?.display == "ci_compose_prompt (v2)",
            "the asset_id p-2 entry; 2.0 == 2 in Python, so the float copy is skipped")
    }

    @Test("every list kind's key chain, down to the kind itself")
    func keyChains() {
        let global = GlobalAssets(lists: [
            ("prompt", "prompts", [AssetInfo(assetID: "p-9", version: .int(1))]),
            ("policy", "policies", [AssetInfo(version: .int(2), policyType: "view"), AssetInfo()]),
            ("mapping", "mappings", [AssetInfo(mappingType: "alias"), AssetInfo(name: "", source: .named("builtin"))]),
            (
                "tool", "tools",
                [
                    AssetInfo(version: .int(3), toolName: "kubectl"), AssetInfo(assetID: "t-1"),
                    AssetInfo(source: .named("builtin")),
                ]
            ),
            ("query", "queries", [AssetInfo(assetID: "q-1", version: .int(4)), AssetInfo(screenID: "s")]),
            (
                "screen", "screens",
                [
                    AssetInfo(assetID: "s-1", name: "Topology", version: .int(1)), AssetInfo(name: "Arch"),
                    AssetInfo(version: .int(2)),
                ]
            ),
        ])
        let entries = AssetFormatter().entries(for: global)
        #expect(
            entries.map(\.key) == [
                "prompt:prompt", "policy:view", "policy:policy", "mapping:alias", "mapping:mapping", "tool:kubectl",
                "tool:t-1", "tool:tool",
                "query:q-1", "query:query", "screen:s-1", "screen:screen",
            ], "a later entry with the same key (the second nameless screen) replaces the earlier in place")
        #expect(
            entries.map(\.display) == [
                "unknown (v1)", "unknown (v2)", "unknown", "unknown", "unknown (fallback)", "kubectl (v3)", "t-1",
                "tool",
                "q-1 (v4)", "query", "Topology (v1)", "screen (v2)",
            ],
            "prompts, policies and mappings by the info rule; tools, queries and screens by their id, never as a fallback"
        )
    }

    @Test("tools, queries and screens are overridden by their own key; prompts, policies and mappings lists never")
    func listOverrides() {
        let formatter = AssetFormatter(overrides: [
            "tool:kubectl": "kubectl (v9)", "screen:s-1": "s-1 (v9)", "prompt:planner": "planner (v9)",
        ])
        let global = GlobalAssets(lists: [
            ("prompt", "prompts", [registryInfo("planner", .int(4))]),
            ("tool", "tools", [AssetInfo(toolName: "kubectl")]),
            ("screen", "screens", [AssetInfo(assetID: "s-1", name: "Topology")]),
        ])
        let entries = formatter.entries(for: global)
        #expect(entries.map(\.display) == ["planner (v4)", "kubectl (v9)", "s-1 (v9)"])
        #expect(entries.map(\.isOverride) == [false, true, true])
        #expect(formatter.entries(key: "tool:kubectl", value: .display("kubectl (v9)"))[0].isOverride)
        #expect(!formatter.entries(key: "prompt:planner", value: .display("planner (v9)"))[0].isOverride)
    }

    @Test(
        "a list of displays under a list key is one asset per element, keyed by the display's name; other values read as JSON text"
    )
    func oddStageShapes() {
        let formatter = AssetFormatter()
        let list = formatter.entries(
            key: "queries", value: .list([.display("query1 (v2)"), .display("query2 (v1)"), .unexpected(.int(3))]))
        #expect(list.map(\.key) == ["query:query1", "query:query2", "query:3"])
        #expect(list.map(\.display) == ["query1 (v2)", "query2 (v1)", "3"])
        let number = formatter.entries(key: "prompt", value: .unexpected(.double(1.5)))
        #expect(number.map(\.display) == ["1.5"] && number[0].kind == "prompt")
        let nested = formatter.entries(key: "query:x", value: .unexpected(.array([.array([])])))
        #expect(nested.map(\.display) == ["[[]]"])
    }
}
