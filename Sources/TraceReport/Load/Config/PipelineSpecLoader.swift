import Foundation

/// Reads and checks a pipeline spec, so that a run never starts on a typo:
/// unknown stages, unknown assets, duplicate query ids and routes are errors
/// naming the JSON path.
public enum PipelineSpecLoader {
    /// Parses and validates the spec in `data`; `file` names it in errors.
    public static func load(_ data: Data, file: String) throws(SpecError) -> PipelineSpec {
        let value: JSONValue
        do { value = try JSONDocumentParser.parse(data) } catch {
            throw SpecError(file: file, path: error.path, reason: error.reason)
        }
        do {
            return try decode(value, file: file)
        } catch let error as SpecError {
            throw error
        } catch let error as TraceFieldError {
            throw SpecError(file: file, path: error.path, reason: error.reason)
        } catch {
            throw SpecError(file: file, path: .root, reason: "\(error)")
        }
    }

    /// Reads the spec at `path`.
    public static func load(path: String) throws(SpecError) -> PipelineSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, path: .root, reason: "cannot read the pipeline spec: check the path")
        }
        return try load(data, file: path)
    }

    static func decode(_ value: JSONValue, file: String) throws -> PipelineSpec {
        let root = try JSONObjectReader(value, at: .root, what: "a pipeline spec object")
        func fail(_ path: JSONPath, _ reason: String) -> SpecError { SpecError(file: file, path: path, reason: reason) }
        guard let name = try root.string("name"), !name.isEmpty else {
            throw fail(.root.key("name"), "missing: the spec needs a name")
        }
        let recordedAt = try root.string("recorded_at") ?? "2026-01-01T00:00:00Z"
        guard ISO8601DateFormatter().date(from: recordedAt) != nil else {
            throw fail(.root.key("recorded_at"), "expected an ISO-8601 time such as 2026-11-20T09:00:00Z")
        }

        var routes = PipelineSpec.defaultRoutes
        if let custom = try root.object("routes") {
            for route in custom.sortedKeys {
                let stages = try custom.strings(route) ?? []
                for (i, stage) in stages.enumerated() where !PipelineSpec.stageOrder.contains(stage) {
                    throw fail(
                        custom.path.key(route).index(i),
                        "unknown stage \(stage): use \(PipelineSpec.stageOrder.joined(separator: ", "))")
                }
                routes[route] = stages
            }
        }

        var known: Set<PipelineSpec.AssetRef> = []
        var registry: [PipelineSpec.RegistryAsset] = []
        if let kinds = try root.object("registry") {
            registry = try registryAssets(kinds)
            known = Set(registry.map { PipelineSpec.AssetRef(kind: $0.kind, name: $0.name) })
        }

        var fallbacks: [PipelineSpec.Fallback] = []
        for (i, item) in (try root.array("fallbacks") ?? []).enumerated() {
            let at = JSONPath.root.key("fallbacks").index(i)
            let r = try JSONObjectReader(item, at: at, what: "a fallback object")
            guard let kind = try r.string("kind"), let fallbackName = try r.string("name") else {
                throw fail(at, "a fallback needs kind and name")
            }
            let ref = PipelineSpec.AssetRef(kind: kind, name: fallbackName)
            guard known.insert(ref).inserted else {
                throw fail(
                    at,
                    "\(ref) is in the registry already (or listed twice): a fallback is for assets the registry lacks")
            }
            fallbacks.append(.init(kind: kind, name: fallbackName, source: try r.string("source") ?? "fallback"))
        }

        var overrides: [String: String] = [:]
        if let o = try root.object("overrides") {
            for key in o.sortedKeys { overrides[key] = try o.string(key) }
        }

        var queries: [PipelineSpec.Query] = []
        var ids: [String: Int] = [:]
        for (i, item) in (try root.array("queries") ?? []).enumerated() {
            let at = JSONPath.root.key("queries").index(i)
            let r = try JSONObjectReader(item, at: at, what: "a query object")
            guard let id = try r.text("id"), !id.isEmpty else {
                throw fail(at.key("id"), "missing: every query needs an id")
            }
            if let first = ids[id] {
                throw fail(at.key("id"), "duplicate query id \(id) (first at $.queries[\(first)])")
            }
            ids[id] = i
            guard let route = try r.string("route") else {
                throw fail(at.key("route"), "missing: use one of \(routes.keys.sorted().joined(separator: ", "))")
            }
            guard let routeStages = routes[route] else {
                throw fail(
                    at.key("route"),
                    "unknown route \(route): use one of \(routes.keys.sorted().joined(separator: ", ")) or add it to $.routes"
                )
            }
            func refs(_ list: JSONObjectReader, _ key: String) throws -> [PipelineSpec.AssetRef] {
                try (list.strings(key) ?? []).enumerated().map { (j, text) throws -> PipelineSpec.AssetRef in
                    let (kind, refName) = AssetKey.split(text)
                    guard let refName, !refName.isEmpty else {
                        throw fail(list.path.key(key).index(j), "expected kind:name, such as query:cpu_usage")
                    }
                    let ref = PipelineSpec.AssetRef(kind: kind, name: refName)
                    guard known.contains(ref) else {
                        throw fail(
                            list.path.key(key).index(j),
                            "unknown asset \(ref): it is neither in $.registry nor in $.fallbacks")
                    }
                    return ref
                }
            }
            var stages: [String: [PipelineSpec.AssetRef]] = [:]
            if let s = try r.object("stages") {
                for stage in s.sortedKeys {
                    guard PipelineSpec.stageOrder.contains(stage) else {
                        throw fail(
                            s.path.key(stage),
                            "unknown stage \(stage): use \(PipelineSpec.stageOrder.joined(separator: ", "))")
                    }
                    guard routeStages.contains(stage) else {
                        let runs =
                            routeStages.isEmpty
                            ? "it runs no stage: list the planner's assets under $.queries[\(i)].assets"
                            : "it runs \(routeStages.joined(separator: ", "))"
                        throw fail(s.path.key(stage), "stage \(stage) does not run on route \(route) (\(runs))")
                    }
                    stages[stage] = try refs(s, stage)
                }
            }
            let requestAssets = try refs(r, "assets")
            var queryOverrides = overrides
            if let o = try r.object("overrides") {
                for key in o.sortedKeys { queryOverrides[key] = try o.string(key) }
            }
            queries.append(
                .init(
                    id: id, category: try r.string("category") ?? "uncategorised",
                    question: try r.string("question") ?? "",
                    route: route, expectedAssets: try r.strings("expected_assets") ?? [], overrides: queryOverrides,
                    stages: stages,
                    requestAssets: requestAssets))
        }
        guard !queries.isEmpty else { throw fail(.root.key("queries"), "the spec has no queries to run") }
        return PipelineSpec(
            name: name, recordedAt: recordedAt, routes: routes, registry: registry, fallbacks: fallbacks,
            overrides: overrides, queries: queries)
    }

    /// A registry snapshot, `{"<kind>": [{"name", "versions", "active", "asset_id"}]}`: a spec's `registry`, or a `--registry` file.
    static func registryAssets(_ kinds: JSONObjectReader) throws(TraceFieldError) -> [PipelineSpec.RegistryAsset] {
        var registry: [PipelineSpec.RegistryAsset] = []
        var known: Set<PipelineSpec.AssetRef> = []
        for kind in kinds.sortedKeys {
            for (i, item) in (try kinds.array(kind) ?? []).enumerated() {
                let at = kinds.path.key(kind).index(i)
                let r = try JSONObjectReader(item, at: at, what: "a registry asset object")
                guard let assetName = try r.string("name"), !assetName.isEmpty else {
                    throw TraceFieldError(path: at.key("name"), reason: "missing: every registry asset needs a name")
                }
                var versions: [AssetVersion] = []
                for (j, v) in (try r.array("versions") ?? []).enumerated() {
                    versions.append(try version(v, at: at.key("versions").index(j)))
                }
                guard let activeValue = r.value("active") else {
                    throw TraceFieldError(
                        path: at.key("active"), reason: "missing: which version does the registry serve?")
                }
                let active = try version(activeValue, at: at.key("active"))
                if !versions.isEmpty && !versions.contains(active) {
                    throw TraceFieldError(
                        path: at.key("active"),
                        reason: "the active version \(active.text) is not one of the listed versions")
                }
                let ref = PipelineSpec.AssetRef(kind: kind, name: assetName)
                guard known.insert(ref).inserted else {
                    throw TraceFieldError(path: at, reason: "duplicate registry asset \(ref)")
                }
                registry.append(
                    .init(
                        kind: kind, name: assetName, assetID: try r.string("asset_id") ?? "\(kind)-\(assetName)",
                        versions: versions, active: active))
            }
        }
        return registry
    }

    static func version(_ value: JSONValue, at path: JSONPath) throws(TraceFieldError) -> AssetVersion {
        switch value {
        case .int(let v): return .int(v)
        case .string(let v): return .string(v)
        case .double(let v): return .double(v)
        default: throw .expected("a version number or string", found: value, at: path)
        }
    }
}
