import Mustache

/// A page model whose fields Mustache looks up by name through a key-path
/// table. swift-mustache otherwise finds fields with `Mirror`, which spent
/// 84% of a 10,000-stage build in reflection; a dictionary of key paths is
/// a hash lookup.
protocol TemplateFields: MustacheParent {
    /// Template name → the field it reads.
    static var fields: [String: PartialKeyPath<Self>] { get }
}

extension TemplateFields {
    func child(named name: String) -> Any? {
        guard let path = Self.fields[name] else { return nil }
        let value = self[keyPath: path]
        // An optional field that is nil must read as missing, so `{{#field}}` sections skip it.
        if let optional = value as? any OptionalField { return optional.wrappedField }
        return value
    }
}

/// Lets `child(named:)` see through `Optional` fields.
protocol OptionalField {
    var wrappedField: Any? { get }
}

extension Optional: OptionalField {
    var wrappedField: Any? { self.map { $0 as Any } }
}
