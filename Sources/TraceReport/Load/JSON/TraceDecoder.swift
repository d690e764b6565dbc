/// Maps a parsed JSON value to a `Trace`, field by field. Unknown fields are
/// ignored; a field of the wrong type never loses the trace: it is read as text
/// or ignored and listed in `Trace.fieldIssues` with its path. Only a value that
/// is not an object, or one without a usable `trace_id`, is an error.
public enum TraceDecoder {
    /// Decodes one trace object found at `path`.
    public static func decode(_ value: JSONValue, at path: JSONPath = .root) throws(TraceFieldError) -> Trace {
        guard case .object(let fields) = value else { throw .expected("a trace object", found: value, at: path) }
        let traceID: String
        switch fields["trace_id"] {
        case nil, .null?:
            throw TraceFieldError(path: path.key("trace_id"), reason: "missing: every trace needs a trace_id")
        case .string(let id)?:
            traceID = id
        case let other?:
            guard other.isScalar else { throw .expected("a string", found: other, at: path.key("trace_id")) }
            traceID = other.compactJSON
        }
        let log = FieldIssueLog()
        let r = TraceFieldReader(value, at: path, log: log)!
        var trace = Trace(traceID: r.string("trace_id") ?? traceID)
        trace.parentTraceID = r.string("parent_trace_id")
        trace.feature = r.string("feature")
        trace.endpoint = r.string("endpoint")
        trace.method = r.string("method")
        trace.opsMode = r.string("ops_mode")
        trace.question = r.string("question")
        trace.status = r.string("status")
        trace.durationMS = r.number("duration_ms")
        trace.route = r.string("route")
        trace.createdAt = r.string("created_at")
        trace.replanEvents = r.value("replan_events")
        trace.assetVersions = r.strings("asset_versions") ?? []
        trace.judgeInputs = JudgeInputs(row: fields)
        trace.goldenQueryID = r.string("golden_query_id")
        if let payload = r.object("request_payload") {
            if let overrides = payload.object("asset_overrides") {
                for key in overrides.sortedKeys {
                    if let display = overrides.string(key) { trace.assetOverrides[key] = display }
                }
            }
            trace.expectedAssets = payload.strings("expected_assets") ?? []
        }
        if let fallbacks = r.object("fallbacks") {
            for key in fallbacks.sortedKeys {
                guard let v = fallbacks.value(key) else { continue }
                guard case .bool(let flag) = v else {
                    log.wrongType("a boolean", found: v, at: fallbacks.path.key(key), then: "ignored")
                    continue
                }
                trace.fallbacks[key] = flag
            }
        }
        if let global = r.object("applied_assets") {
            trace.appliedAssets = decodeGlobalAssets(global)
        }
        if let inputs = r.array("stage_inputs") {
            trace.stageInputs = inputs.enumerated().compactMap { i, v in
                decodeStageInput(v, at: path.key("stage_inputs").index(i), log: log)
            }
        }
        if let outputs = r.array("stage_outputs") {
            trace.stageOutputs = outputs.enumerated().compactMap { i, v in
                decodeStageOutput(v, at: path.key("stage_outputs").index(i), log: log)
            }
        }
        trace.fieldIssues = log.issues
        return trace
    }

    /// Decodes a raw asset info `{asset_id, name, version, source, screen_id, tool_name, ...}`, logging wrong types.
    /// Names and ids that are numbers or booleans read as Python's f-strings print them (`5`, `True`), as the orchestrator does.
    static func decodeAssetInfo(_ r: TraceFieldReader) -> AssetInfo {
        var info = AssetInfo()
        func text(_ key: String) -> String? {
            guard let v = r.value(key) else { return nil }
            if let scalar = AssetVersion(v) { return scalar.text }
            r.log.wrongType("a string", found: v, at: r.path.key(key), then: "ignored")
            return nil
        }
        info.assetID = text("asset_id")
        info.name = text("name")
        info.screenID = text("screen_id")
        info.toolName = text("tool_name")
        info.policyType = text("policy_type")
        info.mappingType = text("mapping_type")
        info.scope = text("scope")
        info.engine = text("engine")
        info.isEmptyRecord = r.fields.isEmpty
        if let v = r.value("version") {
            info.version = AssetVersion(v)
            if info.version == nil {
                r.log.wrongType("a number, string or null", found: v, at: r.path.key("version"), then: "ignored")
            }
        }
        switch r.fields["source"] {
        case nil: info.source = .absent
        case .null?: info.source = .null
        case .string(let s)?: info.source = .named(s)
        case let other?:
            // Python compares it with "asset_registry" and finds it different: a fallback.
            r.log.wrongType(
                "a string or null", found: other, at: r.path.key("source"), then: "not the registry, so a fallback")
            info.source = .named(other.compactJSON)
        }
        return info
    }

    /// Decodes an asset info, for callers outside the loader (tests, re-runs); wrong types are ignored.
    public static func decodeAssetInfo(_ value: JSONValue) -> AssetInfo? {
        TraceFieldReader(value, at: .root, log: FieldIssueLog()).map(decodeAssetInfo)
    }

    /// A value of a stage's `applied_assets` map: the orchestrator's display string or a raw
    /// info, a list under a list key, or anything else kept as it is to be shown as JSON text.
    static func decodeAssetValue(_ value: JSONValue, key: String, at path: JSONPath, log: FieldIssueLog) -> AssetValue {
        switch value {
        case .string(let display): return .display(display)
        case .object: return .info(decodeAssetInfo(TraceFieldReader(value, at: path, log: log)!))
        case .array(let items) where GlobalAssets.listKind(ofKey: key) != nil:
            return .list(
                items.enumerated().map { i, item in
                    switch item {
                    case .string(let display): .display(display)
                    case .object: .info(decodeAssetInfo(TraceFieldReader(item, at: path.index(i), log: log)!))
                    default: .unexpected(item)
                    }
                })
        default: return .unexpected(value)
        }
    }

    static func decodeGlobalAssets(_ r: TraceFieldReader) -> GlobalAssets {
        var global = GlobalAssets()
        var slotKinds: [String] = []
        var listFields: [String] = []
        for key in r.sortedKeys {
            switch r.value(key) {
            case nil: continue
            case .array?: listFields.append(key)
            default: slotKinds.append(key)
            }
        }
        let slotRank = { (k: String) in GlobalAssets.slotOrder.firstIndex(of: k) ?? GlobalAssets.slotOrder.count }
        for kind in slotKinds.sorted(by: { (slotRank($0), $0) < (slotRank($1), $1) }) {
            let at = r.path.key(kind)
            switch r.fields[kind]! {
            case .string(let display): global.slots.append((kind, .display(display)))
            case .object(let fields):
                global.slots.append(
                    (kind, .info(decodeAssetInfo(TraceFieldReader(.object(fields), at: at, log: r.log)!))))
            case let other: r.log.wrongType("an asset object", found: other, at: at, then: "ignored")
            }
        }
        let listRank = { (f: String) in
            GlobalAssets.listKinds.firstIndex { $0.field == f } ?? GlobalAssets.listKinds.count
        }
        for field in listFields.sorted(by: { (listRank($0), $0) < (listRank($1), $1) }) {
            let at = r.path.key(field)
            let infos = (r.array(field) ?? []).enumerated().compactMap { i, item in
                TraceFieldReader(item, at: at.index(i), log: r.log, what: "an asset object").map(decodeAssetInfo)
            }
            global.lists.append((GlobalAssets.listKind(ofField: field), field, infos))
        }
        return global
    }

    static func decodeStageInput(_ value: JSONValue, at path: JSONPath, log: FieldIssueLog) -> StageInput? {
        guard let r = TraceFieldReader(value, at: path, log: log, what: "a stage input object") else { return nil }
        var assets: [(key: String, value: AssetValue)]?
        if let map = r.object("applied_assets") {
            assets = map.sortedKeys.map { key in
                (key, decodeAssetValue(map.fields[key]!, key: key, at: map.path.key(key), log: log))
            }
        }
        return StageInput(
            stage: r.string("stage"), appliedAssets: assets, params: r.value("params"),
            prevOutput: r.value("prev_output"))
    }

    static func decodeStageOutput(_ value: JSONValue, at path: JSONPath, log: FieldIssueLog) -> StageOutput? {
        guard let r = TraceFieldReader(value, at: path, log: log, what: "a stage output object") else { return nil }
        var output = StageOutput(
            stage: r.string("stage"), references: r.value("references"), durationMS: r.number("duration_ms"))
        if let d = r.object("diagnostics") {
            output.status = d.string("status")
            output.warnings = (d.array("warnings") ?? []).map(\.text)
            output.errors = (d.array("errors") ?? []).map(\.text)
            output.emptyFlags = d.value("empty_flags")
            output.counts = d.value("counts")
        }
        return output
    }
}

extension JSONValue {
    /// A number, string or boolean (not null, not a container).
    var isScalar: Bool {
        switch self {
        case .int, .double, .string, .bool: true
        case .null, .array, .object: false
        }
    }
}

extension AssetVersion {
    /// A scalar JSON value as the orchestrator's Python would print it; nil for null and containers.
    init?(_ value: JSONValue) {
        switch value {
        case .int(let v): self = .int(v)
        case .string(let v): self = .string(v)
        case .double(let v): self = .double(v)
        case .bool(let v): self = .bool(v)
        case .null, .array, .object: return nil
        }
    }
}
