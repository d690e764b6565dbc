import Testing

@testable import TraceReport

@Suite("Asset catalog: every count once per trace, whatever the number of assets")
struct AssetCatalogTests {
    static func use(_ stage: String?, _ key: String, _ display: String, fallback: Bool = false) -> AssetUse {
        AssetUse(
            stage: stage, key: key, display: display, version: AssetDisplay.parse(display).version,
            isFallback: fallback, isOverride: false)
    }

    /// A trace that used `uses`, named after its id.
    static func trace(_ id: String, _ uses: [AssetUse]) -> TraceDigest {
        TraceDigest(
            traceID: id, question: nil, route: nil, status: nil, name: id, stages: [], ranNoStage: false,
            assetCount: uses.count, errors: 0, warnings: 0, infos: 0, findingKinds: [:], pairing: nil, assets: uses,
            expectedMissing: [])
    }

    @Test("a trace's repeated uses count the trace once; stages and displays keep their first-seen order")
    func countsOncePerTrace() throws {
        var catalog = AssetCatalog()
        let prompt = [
            Self.use("compose", "prompt", "p (v2)"), Self.use("present", "prompt", "p (v2)"),
            Self.use("compose", "prompt", "p (v2)"),
        ]
        catalog.add(Self.trace("a", prompt))
        catalog.add(
            Self.trace(
                "b", [Self.use("compose", "prompt", "p (v3)"), Self.use(nil, "prompt", "p (fallback)", fallback: true)])
        )
        let asset = try #require(catalog.sorted.first)
        #expect(asset.traces == 2)
        #expect(asset.displays.map(\.display) == ["p (v2)", "p (v3)", "p (fallback)"])
        #expect(asset.displays.map(\.traces.count) == [1, 1, 1])
        #expect(asset.displays[0].stages.map(\.stage) == ["compose", "present"])
        #expect(asset.displays[0].stages.map(\.count) == [1, 1])
        #expect(asset.stages.map(\.name) == ["compose", "present"] && asset.stages.map(\.traces) == [2, 1])
        #expect(asset.globalOnly.count == 1 && asset.fallbacks.count == 1)
    }

    @Test(
        "past the linear scan's limit (a trace with hundreds of assets, a key with hundreds of versions and stages) the counts are the same"
    )
    func manyUsesInOneTrace() throws {
        let n = 3 * SmallIndex<String>.linearLimit + 7
        var uses: [AssetUse] = []
        for i in 0..<n {
            uses.append(Self.use("execute", "query:q\(i)", "q\(i) (v1)"))
            uses.append(Self.use("stage-\(i)", "prompt", "p (v\(i))"))
        }
        var catalog = AssetCatalog()
        catalog.add(Self.trace("t1", uses + uses))
        catalog.add(Self.trace("t2", uses))
        #expect(catalog.count == n + 1)
        let assets = catalog.sorted
        let prompt = try #require(assets.first { $0.key == "prompt" })
        #expect(prompt.traces == 2)
        #expect(
            prompt.displays.count == n
                && prompt.displays.allSatisfy {
                    $0.traces.count == 2 && $0.stages.count == 1 && $0.stages[0].count == 2
                })
        #expect(prompt.stages.count == n && prompt.stages.allSatisfy { $0.traces == 2 })
        #expect(prompt.displays.map(\.display) == (0..<n).map { "p (v\($0))" })
        #expect(assets.filter { $0.kind == "query" }.allSatisfy { $0.traces == 2 && $0.displays.count == 1 })
    }

    @Test("the small index answers the same before and after it turns into a dictionary")
    func smallIndex() {
        var index = SmallIndex<String>()
        for i in 0..<100 {
            #expect(index.position(of: "k\(i)") == nil)
            #expect(index.append("k\(i)") == i)
            #expect(index.position(of: "k0") == 0 && index.position(of: "k\(i)") == i)
        }
        #expect(index.count == 100)
        #expect(index.append("new") == 100)
        #expect(index.position(of: "new") == 100 && index.position(of: "k99") == 99)
    }
}
