/// What the real system's regression judge (`regression_executor.py`) reads of a trace row:
/// `status` ("unknown" when absent), `asset_versions`, `plan_validated.intent` and `.output`,
/// `execution_steps`, `answer.blocks`, `references` and `ui_render.error_count`, with its
/// defaults for missing and empty values. Stage `applied_assets` are not among them.
public struct JudgeInputs: Sendable, Equatable {
    /// One tool call, matched across traces by its signature.
    public struct Step: Sendable, Equatable {
        /// `step_id` up to the first `:`.
        public var tool: String
        /// The sorted keys of `request`.
        public var requestKeys: [String]
        /// `error.message` is set.
        public var failed: Bool
        /// `duration_ms`, 0 when absent.
        public var durationMS: Double

        /// The signature steps are compared by: the tool and its request keys.
        public var signature: String { ([tool] + requestKeys).joined(separator: "\u{0}") }

        /// `tool(key, key)`, as pages show a signature.
        public var signatureText: String { tool + "(" + requestKeys.joined(separator: ", ") + ")" }
    }

    public var status: JSONValue
    public var assetVersions: [JSONValue]
    public var planIntent: JSONValue
    public var planOutput: JSONValue
    public var steps: [Step]
    public var blocks: Int
    /// The distinct `type`s of the answer's blocks, sorted ("unknown" for a block without one).
    public var blockTypes: [String]
    public var references: Int
    public var uiErrors: Double

    /// The inputs of a trace row's fields.
    public init(row: [String: JSONValue]) {
        status = row["status"] ?? .string("unknown")
        let versions = row["asset_versions"].flatMap { $0.isTruthy ? $0 : nil }
        if case .array(let list)? = versions {
            assetVersions = list
        } else {
            assetVersions = versions.map { [$0] } ?? []
        }
        var plan: [String: JSONValue] = [:]
        if case .object(let p)? = row["plan_validated"] { plan = p }
        planIntent = plan["intent"] ?? .null
        planOutput = plan["output"] ?? .null
        steps = []
        if case .array(let list)? = row["execution_steps"] {
            for case .object(let step) in list {
                var tool = ""
                if case .string(let id)? = step["step_id"] { tool = String(id.prefix { $0 != ":" }) }
                var keys: [String] = []
                if case .object(let request)? = step["request"] { keys = request.keys.sorted() }
                var failed = false
                if case .object(let error)? = step["error"] { failed = error["message"]?.isTruthy ?? false }
                steps.append(
                    Step(
                        tool: tool, requestKeys: keys, failed: failed,
                        durationMS: step["duration_ms"]?.pythonNumber ?? 0))
            }
        }
        var answer: [String: JSONValue] = [:]
        if case .object(let a)? = row["answer"] { answer = a }
        blocks = answer["blocks"]?.pythonLength ?? 0
        var types: Set<String> = []
        if case .array(let list)? = answer["blocks"] {
            for block in list {
                guard case .object(let b) = block else { continue }
                types.insert(b["type"].map { $0.text } ?? "unknown")
            }
        }
        blockTypes = types.sorted()
        references = row["references"]?.pythonLength ?? 0
        if case .object(let ui)? = row["ui_render"] {
            uiErrors = ui["error_count"]?.pythonNumber ?? 0
        } else {
            uiErrors = 0
        }
    }
}
