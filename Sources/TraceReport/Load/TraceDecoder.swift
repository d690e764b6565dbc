/// Maps a parsed JSON value to a `Trace`, field by field, with the path of
/// every value of the wrong type. Unknown fields are ignored.
public enum TraceDecoder {
    /// Decodes one trace object found at `path`.
    public static func decode(_ value: JSONValue, at path: JSONPath = .root) throws(TraceFieldError) -> Trace {
        let r = try JSONObjectReader(value, at: path, what: "a trace object")
        guard r.has("trace_id"), r.value("trace_id") != nil else {
            throw TraceFieldError(path: path.key("trace_id"), reason: "missing: every trace needs a trace_id")
        }
        var trace = Trace(traceID: try r.text("trace_id") ?? "")
        trace.parentTraceID = try r.text("parent_trace_id")
        trace.feature = try r.string("feature")
        trace.endpoint = try r.string("endpoint")
        trace.method = try r.string("method")
        trace.opsMode = try r.string("ops_mode")
        trace.question = try r.string("question")
        trace.status = try r.string("status")
        trace.durationMS = try r.number("duration_ms")
        trace.route = try r.string("route")
        trace.createdAt = try r.text("created_at")
        trace.replanEvents = r.value("replan_events")
        trace.assetVersions = try r.strings("asset_versions") ?? []
        if let payload = try r.object("request_payload") {
            if let overrides = try payload.object("asset_overrides") {
                for key in overrides.sortedKeys {
                    if let display = try overrides.string(key) { trace.assetOverrides[key] = display }
                }
            }
            trace.expectedAssets = try payload.strings("expected_assets") ?? []
        }
        if let fallbacks = try r.object("fallbacks") {
            for key in fallbacks.sortedKeys {
                guard let v = fallbacks.value(key) else { continue }
                guard case .bool(let flag) = v else { throw .expected("a boolean", found: v, at: fallbacks.path.key(key)) }
                trace.fallbacks[key] = flag
            }
        }
        if let global = r.value("applied_assets") {
            trace.appliedAssets = try decodeGlobalAssets(global, at: path.key("applied_assets"))
        }
        if let inputs = try r.array("stage_inputs") {
            trace.stageInputs = try inputs.enumerated().map { (i, v) throws(TraceFieldError) in
                try decodeStageInput(v, at: path.key("stage_inputs").index(i))
            }
        }
        if let outputs = try r.array("stage_outputs") {
            trace.stageOutputs = try outputs.enumerated().map { (i, v) throws(TraceFieldError) in
                try decodeStageOutput(v, at: path.key("stage_outputs").index(i))
            }
        }
        return trace
    }

    /// Decodes a raw asset info `{asset_id, name, version, source, screen_id, scope, engine}`.
    public static func decodeAssetInfo(_ value: JSONValue, at path: JSONPath) throws(TraceFieldError) -> AssetInfo {
        let r = try JSONObjectReader(value, at: path, what: "an asset object")
        var info = AssetInfo()
        info.assetID = try r.text("asset_id")
        info.name = try r.text("name")
        info.screenID = try r.text("screen_id")
        info.scope = try r.text("scope")
        info.engine = try r.text("engine")
        switch r.fields["version"] {
        case nil, .null?: info.version = nil
        case .int(let v)?: info.version = .int(v)
        case .string(let v)?: info.version = .string(v)
        case .double(let v)?: info.version = .double(v)
        case .bool(let v)?: info.version = .bool(v)
        case let other?: throw .expected("a number, string or null", found: other, at: path.key("version"))
        }
        switch r.fields["source"] {
        case nil: info.source = .absent
        case .null?: info.source = .null
        case .string(let s)?: info.source = .named(s)
        case let other?: throw .expected("a string or null", found: other, at: path.key("source"))
        }
        return info
    }

    static func decodeAssetValue(_ value: JSONValue, at path: JSONPath) throws(TraceFieldError) -> AssetValue {
        switch value {
        case .string(let display): return .display(display)
        case .object: return .info(try decodeAssetInfo(value, at: path))
        default: throw .expected("a display string or an asset object", found: value, at: path)
        }
    }

    static func decodeGlobalAssets(_ value: JSONValue, at path: JSONPath) throws(TraceFieldError) -> GlobalAssets {
        let r = try JSONObjectReader(value, at: path)
        var global = GlobalAssets()
        let listFields = Dictionary(uniqueKeysWithValues: GlobalAssets.listKinds.map { ($0.field, $0.kind) })
        var slotKinds: [String] = []
        var listFieldsSeen: [String] = []
        for key in r.sortedKeys {
            switch r.value(key) {
            case nil: continue
            case .array?: listFieldsSeen.append(key)
            default: slotKinds.append(key)
            }
        }
        let slotRank = { (k: String) in GlobalAssets.slotOrder.firstIndex(of: k) ?? GlobalAssets.slotOrder.count }
        for kind in slotKinds.sorted(by: { (slotRank($0), $0) < (slotRank($1), $1) }) {
            global.slots.append((kind, try decodeAssetValue(r.fields[kind]!, at: path.key(kind))))
        }
        let listRank = { (f: String) in GlobalAssets.listKinds.firstIndex { $0.field == f } ?? GlobalAssets.listKinds.count }
        for field in listFieldsSeen.sorted(by: { (listRank($0), $0) < (listRank($1), $1) }) {
            let items = try r.array(field) ?? []
            var infos: [AssetInfo] = []
            for (i, item) in items.enumerated() {
                infos.append(try decodeAssetInfo(item, at: path.key(field).index(i)))
            }
            global.lists.append((listFields[field] ?? singular(field), field, infos))
        }
        return global
    }

    /// `catalogs` → `catalog`, `queries` → `query`: the key kind of a list field the orchestrator has not named yet.
    static func singular(_ field: String) -> String {
        if field.hasSuffix("ies") { return String(field.dropLast(3)) + "y" }
        if field.hasSuffix("s") { return String(field.dropLast()) }
        return field
    }

    static func decodeStageInput(_ value: JSONValue, at path: JSONPath) throws(TraceFieldError) -> StageInput {
        let r = try JSONObjectReader(value, at: path, what: "a stage input object")
        var assets: [(key: String, value: AssetValue)]?
        if let map = try r.object("applied_assets") {
            assets = []
            for key in map.sortedKeys {
                guard let v = map.value(key) else { continue }
                assets?.append((key, try decodeAssetValue(v, at: map.path.key(key))))
            }
        }
        return StageInput(stage: try r.string("stage"), appliedAssets: assets, params: r.value("params"), prevOutput: r.value("prev_output"))
    }

    static func decodeStageOutput(_ value: JSONValue, at path: JSONPath) throws(TraceFieldError) -> StageOutput {
        let r = try JSONObjectReader(value, at: path, what: "a stage output object")
        var output = StageOutput(stage: try r.string("stage"), references: r.value("references"), durationMS: try r.number("duration_ms"))
        if let d = try r.object("diagnostics") {
            output.status = try d.text("status")
            output.warnings = (try d.array("warnings") ?? []).map(\.text)
            output.errors = (try d.array("errors") ?? []).map(\.text)
            output.emptyFlags = d.value("empty_flags")
            output.counts = d.value("counts")
        }
        return output
    }
}
