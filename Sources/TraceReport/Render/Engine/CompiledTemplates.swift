import Foundation
import Mustache

/// The templates compiled for the fast renderer (`TemplateTokenReader.compile`), on a thread of their own:
/// compiling was half of loading the templates and cannot fail, so a build goes on (reading its inputs
/// and the last build's manifest) while they compile; the first page rendered waits for them. Nil when
/// one uses what only swift-mustache renders.
struct CompiledTemplates: Sendable {
    private let compiled: BackgroundValue<[String: CompiledTemplate]?>

    init(_ templates: [String: MustacheTemplate]) {
        compiled = BackgroundValue {
            let compiled = templates.mapValues(TemplateTokenReader.compile)
            return compiled.values.contains { $0 == nil } ? nil : compiled.compactMapValues { $0 }
        }
    }

    /// The compiled templates, once they are.
    var templates: [String: CompiledTemplate]? { compiled.result }
}
