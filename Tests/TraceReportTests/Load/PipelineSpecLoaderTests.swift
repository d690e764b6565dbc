import Foundation
import Testing

@testable import TraceReport

@Suite("Pipeline spec loader: a spec with a mistake never runs")
struct PipelineSpecLoaderTests {
    static let registry =
        #""registry": {"prompt": [{"name": "p", "versions": [1, 2], "active": 2}], "query": [{"name": "cpu", "versions": [1], "active": 1}]}"#

    func load(_ queries: String, extra: String = "") throws -> PipelineSpec {
        try PipelineSpecLoader.load(
            Data("{\"name\": \"t\", \(Self.registry)\(extra), \"queries\": \(queries)}".utf8), file: "spec.json")
    }

    func error(_ queries: String, extra: String = "") -> String? {
        do {
            _ = try load(queries, extra: extra)
            return nil
        } catch let error as SpecError {
            return error.errorDescription
        } catch {
            return "\(error)"
        }
    }

    @Test("a good spec resolves routes, stages and refs")
    func good() throws {
        let spec = try load(
            #"[{"id": "q1", "route": "plan", "question": "?", "stages": {"execute": ["query:cpu"], "compose": ["prompt:p"]}}]"#
        )
        #expect(spec.queries.first?.stages["execute"] == [.init(kind: "query", name: "cpu")])
        #expect(spec.routes["plan"] == PipelineSpec.stageOrder)
    }

    @Test("an unknown stage is named with its path")
    func unknownStage() {
        #expect(
            error(#"[{"id": "q1", "route": "plan", "stages": {"exekute": ["query:cpu"]}}]"#)
                == "spec.json: $.queries[0].stages.exekute: unknown stage exekute: use route_plan, validate, execute, compose, present"
        )
    }

    @Test("a stage the route does not run is an error")
    func stageNotOnRoute() {
        #expect(
            error(#"[{"id": "q1", "route": "direct", "stages": {"validate": []}}]"#)
                == "spec.json: $.queries[0].stages.validate: stage validate does not run on route direct (it runs no stage: list the planner's assets under $.queries[0].assets)"
        )
        #expect(
            error(#"[{"id": "q1", "route": "orch", "assets": ["prompt:nope"]}]"#)
                == "spec.json: $.queries[0].assets[0]: unknown asset prompt:nope: it is neither in $.registry nor in $.fallbacks"
        )
    }

    @Test("an unknown asset is an error")
    func unknownAsset() {
        #expect(
            error(#"[{"id": "q1", "route": "plan", "stages": {"execute": ["query:cpu", "query:mem"]}}]"#)
                == "spec.json: $.queries[0].stages.execute[1]: unknown asset query:mem: it is neither in $.registry nor in $.fallbacks"
        )
    }

    @Test("a fallback makes an asset known")
    func fallbackKnown() throws {
        let spec = try load(
            #"[{"id": "q1", "route": "plan", "stages": {"execute": ["query:mem"]}}]"#,
            extra: #", "fallbacks": [{"kind": "query", "name": "mem", "source": "local"}]"#)
        #expect(spec.fallbacks.first?.source == "local")
    }

    @Test("a duplicate query id points at both")
    func duplicateID() {
        #expect(
            error(#"[{"id": "q1", "route": "plan"}, {"id": "q2", "route": "plan"}, {"id": "q1", "route": "plan"}]"#)
                == "spec.json: $.queries[2].id: duplicate query id q1 (first at $.queries[0])")
    }

    @Test("an unknown route, a bad active version, no queries")
    func otherMistakes() {
        #expect(
            error(#"[{"id": "q1", "route": "teleport"}]"#)
                == "spec.json: $.queries[0].route: unknown route teleport: use one of direct, orch, plan, reject or add it to $.routes"
        )
        #expect(error("[]") == "spec.json: $.queries: the spec has no queries to run")
        #expect(throws: SpecError.self) {
            try PipelineSpecLoader.load(
                Data(
                    #"{"name": "t", "registry": {"prompt": [{"name": "p", "versions": [1], "active": 3}]}, "queries": [{"id": "a", "route": "plan"}]}"#
                        .utf8), file: "s")
        }
    }

    @Test("the bundled sample: 20 queries in five categories, all routes, fallbacks, overrides")
    func bundled() throws {
        let spec = try BundledSample.spec()
        #expect(spec.queries.count == 20)
        let categories = Dictionary(grouping: spec.queries, by: \.category).mapValues(\.count)
        #expect(categories == ["system_status": 3, "metrics": 5, "relationships": 4, "history": 4, "advanced": 4])
        #expect(Set(spec.queries.map(\.route)) == ["orch", "direct", "reject"], "the routes of real rows")
        #expect(
            spec.queries.filter { $0.route != "orch" }.allSatisfy { $0.stages.isEmpty && !$0.requestAssets.isEmpty },
            "direct and reject answers run no stage")
        #expect(spec.fallbacks.count >= 2)
        #expect(spec.queries.filter { !$0.overrides.isEmpty }.count >= 2)
        let kinds = Set(spec.queries.flatMap { $0.stages.values.flatMap { $0.map(\.kind) } })
        #expect(kinds.isSuperset(of: ["query", "schema", "screen", "prompt"]))
    }
}
